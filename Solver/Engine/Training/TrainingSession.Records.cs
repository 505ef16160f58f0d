using Pinn.Optimizers;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

internal sealed partial class TrainingSession
{
    /// <summary>The history row of the step just taken.</summary>
    private HistoryRow Row(PhaseRun run, double loss, double relativeL2) =>
        new(_step, run.Index, Now(), loss, TermLosses(loss), relativeL2);

    /// <summary>
    /// Each term's weighted loss for a recorded loss: those of the objective's last evaluation when they add up to it,
    /// else re-evaluated at θ now (the last evaluation was a rejected trial or a line search's last probe; the
    /// optimizers that record the loss at θ after the step are the ones that need it). Off the training clock.
    /// </summary>
    private double[] TermLosses(double loss)
    {
        var terms = _objective.LastTermLosses.ToArray();
        if (!double.IsFinite(loss) || Math.Abs(terms.Sum() - loss) <= 1e-12 * Math.Abs(loss)) return terms;
        _clock.Stop();
        using (var scope = NewDisposeScope()) _objective.Value(Theta);
        _clock.Start();
        return _objective.LastTermLosses.ToArray();
    }

    /// <summary>Hands a snapshot to the checkpoint writer; the clock stops meanwhile (writing is not training).</summary>
    private void WriteCheckpoint(Func<TrainingSnapshot> snapshot)
    {
        if (_s.Checkpoint is null) return;
        var taken = snapshot();
        _clock.Stop();
        _s.Checkpoint(taken);
        _clock.Start();
    }

    /// <summary>A snapshot in the middle of <paramref name="run"/> (its optimizer's state included).</summary>
    private TrainingSnapshot Snapshot(PhaseRun run, string reason) => Snapshot(run.Index, run.Done, run.Optimizer, reason);

    private TrainingSnapshot Snapshot(int phase, int done, IOptimizer? optimizer, string reason)
    {
        double seconds = Now();
        _clock.Stop();
        using var scope = NewDisposeScope();
        var theta = Theta.detach().cpu().data<double>().ToArray();
        var state = (optimizer as ICheckpointable)?.SaveState();   // every catalogue optimizer is checkpointable (a test checks it)
        var snapshot = new TrainingSnapshot(phase, done, _step, seconds, _objective.PointsRevision, theta, state, _history.ToArray(), reason)
        {
            Evaluation = _evaluator.Compute(x => _objective.Predict(Theta, x)),
            ObjectiveState = _objective.SaveAdaptiveState(),
            StartLoss = _check.StartLoss,
            Outcome = _outcome,
            OutcomeReason = _reason,
        };
        _clock.Start();
        return snapshot;
    }

    /// <summary>Reports for the phases a resumed run finished before its checkpoint, rebuilt from the history.</summary>
    private List<PhaseReport> PhasesBefore(int phase) =>
        Enumerable.Range(0, phase).Select(j =>
        {
            var rows = _history.Where(h => h.Phase == j).ToList();
            return new PhaseReport(_s.Phases[j].Name, _s.Phases[j].Steps, rows.Count, 0, rows.Count > 0 ? rows[^1].Loss : double.NaN,
                StopReason.None, "finished before the checkpoint");
        }).ToList();

    /// <summary>The run as it ended: the loss at θ now and the full evaluation on the error grid.</summary>
    private TrainingRun Finish()
    {
        double seconds = Now();
        using var scope = NewDisposeScope();
        double loss = _objective.Value(Theta);
        var evaluation = _evaluator.Compute(x => _objective.Predict(Theta, x));
        return new TrainingRun(_s.Problem.Name, TrainingPhase.Format(_s.Phases), _s.Network.ParameterCount, _objective.ResidualCount,
            _step, seconds, loss, _objective.TermNames, _history, _reports, evaluation)
        {
            Outcome = _outcome,
            OutcomeReason = _reason,
            StartLoss = _check.StartLoss,
        };
    }
}
