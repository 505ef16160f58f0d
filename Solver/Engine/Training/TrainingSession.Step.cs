using Pinn.Optimizers;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

internal sealed partial class TrainingSession
{
    /// <summary>One optimizer step in its own dispose scope: hooks, the step, then its success or failure.</summary>
    private void TakeStep(PhaseRun run)
    {
        using var scope = NewDisposeScope();
        foreach (var hook in _hooks) hook.BeforeStep(Context(run));
        _guard.BeforeStep();
        double start = Now();
        var result = run.Optimizer.Step(_objective, Theta);
        _budget.Record(Now() - start);
        run.Done++;
        _step++;
        run.Last = result;
        if (_guard.Failed(result)) OnFailure(run, result);
        else OnSuccess(run, result);
    }

    /// <summary>A non-finite step: θ rolled back, the optimizer made cautious (or restarted), or the run stopped.</summary>
    private void OnFailure(PhaseRun run, StepResult result)
    {
        var what = _guard.RollBack();
        _history.Add(Row(run, result.Loss, double.NaN));
        if (_guard.ShouldStop)
        {
            var count = _guard.ConsecutiveFailures == _guard.Failures ? "in a row" : $"without a new lowest loss ({_guard.ConsecutiveFailures} in a row)";
            Fail(run, TrainingOutcome.Diverged, $"{what}; {_guard.Failures} failed steps {count}");
            return;
        }
        string remedy;
        if (run.Optimizer is IStabilizable stabilizable) remedy = stabilizable.Stabilize();
        else if (run.Phase.OwnsOptimizers)
        {
            run.Replace(run.Phase.Create());
            remedy = "optimizer state reset";
        }
        else remedy = "optimizer kept (a caller's object is not replaced; give a factory to reset it)";
        _s.Progress.Event($"{run.Phase.Name} step {_step}: {what}; {remedy}");
    }

    /// <summary>A good step: evaluated when due, recorded, reported, checkpointed; the phase ends on a stop or the budget.</summary>
    private void OnSuccess(PhaseRun run, StepResult result)
    {
        _guard.Succeeded(_step - 1, result.Loss);
        _check.Observe(result.Loss);
        bool overBudget = OverBudget();
        bool stopped = result.Stop != StopReason.None && !DrawAfterStop(run, result, overBudget);
        bool last = run.Done == run.Phase.Steps || stopped || overBudget;
        var row = Row(run, result.Loss, EvaluateIfDue(last)) with { CausalMinWeight = _objective.CausalMinWeight };
        _history.Add(row);
        foreach (var hook in _hooks) hook.AfterStep(Context(run), row);
        _s.Progress.Step(row, _total);
        run.Stall.Observe(run.Done, _step, result.Loss);
        Tell(run, result, stopped);
        if (_s.CheckpointEvery > 0 && _step % _s.CheckpointEvery == 0)
            CheckpointPeriodically(run, phaseDone: run.Done == run.Phase.Steps || stopped);
        if (stopped) run.OptimizerStopped = true;
        else if (overBudget)
        {
            EndOnBudget();
            run.End(TrainingOutcome.BudgetReached);
        }
    }

    /// <summary>
    /// In a run that draws its points from pools, a stop with steps of the phase left draws the next batches at once
    /// and the phase goes on (<see cref="AdaptiveSchedule.DrawAfterStop"/>); returns whether it did.
    /// </summary>
    private bool DrawAfterStop(PhaseRun run, StepResult result, bool overBudget) =>
        !overBudget && run.Done < run.Phase.Steps && _adaptive.DrawAfterStop(_objective, Theta, _step, result.Stop);

    /// <summary>Logs an optimizer's stop, and its other messages (rejected steps, raised damping) at most once every EventInterval steps.</summary>
    private void Tell(PhaseRun run, StepResult result, bool stopped)
    {
        if (result.Stop != StopReason.None && !stopped)
            _s.Progress.Event($"{run.Phase.Name} stopped after {run.Done} steps: {result.Message ?? result.Stop.ToString()}");
        else if (result.Stop != StopReason.None)
        {
            _s.Progress.Event($"{run.Phase.Name} step {_step}: stopped on its batch ({result.Message ?? result.Stop.ToString()}); new batches drawn, the phase goes on");
            _lastEvent = _step;
        }
        else if (result.Message is not null && _step - _lastEvent >= EventInterval)
        {
            _s.Progress.Event($"{run.Phase.Name} step {_step}: {result.Message}");
            _lastEvent = _step;
        }
    }

    /// <summary>The relative L2 error when an evaluation is due (the last step of a phase, every EvaluateEvery steps,
    /// or when the training time has grown by EvaluateTimeRatio), else NaN; the clock stops meanwhile.</summary>
    private double EvaluateIfDue(bool last)
    {
        if (!_evaluator.HasExact || !Due(last)) return double.NaN;
        _clock.Stop();
        double rel = _evaluator.RelativeL2(x => _objective.Predict(Theta, x));
        _clock.Start();
        return rel;
    }

    private bool Due(bool last)
    {
        if (last || (_s.Options.EvaluateEvery > 0 && _step % _s.Options.EvaluateEvery == 0)) return true;
        if (_s.Options.EvaluateTimeRatio <= 1 || Now() < _nextTimedEvaluation) return false;
        _nextTimedEvaluation = Now() * _s.Options.EvaluateTimeRatio;
        return true;
    }

    /// <summary>A periodic checkpoint; after a phase's last step it points at the next phase's start.</summary>
    private void CheckpointPeriodically(PhaseRun run, bool phaseDone) =>
        WriteCheckpoint(() => phaseDone ? Snapshot(run.Index + 1, 0, null, "periodic") : Snapshot(run, "periodic"));

    private TrainingStep Context(PhaseRun run) => new(_objective, Theta, _step, run.Index, run.Done, _s.Progress);
}
