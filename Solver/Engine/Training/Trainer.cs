using System.Diagnostics;
using Pinn.Optimizers;
using Pinn.Physics;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

/// <summary>
/// Trains a network on a problem through a sequence of optimizer phases (e.g. Adam then L-BFGS).
/// The trainer orchestrates: one dispose scope per step, the history, periodic evaluation against the
/// exact solution, progress, checkpoints, cancellation and recovery from non-finite steps; the
/// optimizers and the objective do the mathematics.
/// </summary>
public sealed class Trainer
{
    private const int EventInterval = 50;
    private readonly Problem _problem;
    private readonly Mlp _network;
    private IReadOnlyList<OptimizerPhase> _phases = OptimizerSpec.Parse("adam:1000,lbfgs:1000");
    private TrainingOptions _options = new();
    private IProgressSink _progress = SilentProgress.Instance;
    private TrainingSnapshot? _resume;
    private int _checkpointEvery;
    private Action<TrainingSnapshot>? _checkpoint;

    private Trainer(Problem problem, Mlp network)
    {
        NativeMemory.Tune();
        _problem = problem;
        _network = network;
    }

    /// <summary>A trainer for <paramref name="network"/> on <paramref name="problem"/>.</summary>
    public static Trainer For(Problem problem, Mlp network) => new(problem, network);

    /// <summary>The optimizer sequence, e.g. <c>adam:1000,lbfgs:1000</c>.</summary>
    public Trainer Using(string spec) { _phases = OptimizerSpec.Parse(spec); return this; }

    /// <summary>The optimizer sequence as parsed phases.</summary>
    public Trainer Using(IReadOnlyList<OptimizerPhase> phases) { _phases = phases; return this; }

    /// <summary>Run options (seed, evaluation and resampling schedule).</summary>
    public Trainer With(TrainingOptions options) { _options = options; return this; }

    /// <summary>Where progress goes.</summary>
    public Trainer Reporting(IProgressSink progress) { _progress = progress; return this; }

    /// <summary>
    /// Hands a snapshot to <paramref name="write"/> every <paramref name="every"/> steps (0: never
    /// periodically) and always when the run is interrupted or diverges.
    /// </summary>
    public Trainer Checkpointing(int every, Action<TrainingSnapshot> write)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(every);
        _checkpointEvery = every;
        _checkpoint = write ?? throw new ArgumentNullException(nameof(write));
        return this;
    }

    /// <summary>Continues from <paramref name="snapshot"/> (same problem, network shape, phases and options).</summary>
    public Trainer ResumingFrom(TrainingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Theta.Length != _network.ParameterCount)
            throw new ArgumentException($"the checkpoint holds {snapshot.Theta.Length} parameters but the network has {_network.ParameterCount}");
        _resume = snapshot;
        return this;
    }

    /// <summary>Trains; the network's parameters hold the result afterwards. Cancelling <paramref name="cancel"/>
    /// stops after the current step with a checkpoint.</summary>
    public TrainingRun Run(CancellationToken cancel = default)
    {
        foreach (var p in _phases) OptimizerCatalog.Default.Create(p).Dispose();   // validate every phase before starting
        if (_resume is not null && _resume.Phase > _phases.Count)
            throw new ArgumentException($"the checkpoint is at phase {_resume.Phase + 1} but the sequence has {_phases.Count} phases");
        using var runScope = NewDisposeScope();   // catches every temporary made outside the per-step scopes
        if (_options.Adaptive is not null && _options.ResampleEvery > 0)
            throw new ArgumentException("adaptive sampling draws the interior points from a pool; it cannot be combined with resampling every N steps");
        using var objective = new PinnObjective(_problem, _network, _options.Seed, _options.Causal, _options.Attention, _options.Adaptive);
        var theta = _network.Parameters;
        if (_resume is not null)
        {
            objective.ResampleTo(_resume.Revision);
            using var saved = tensor(_resume.Theta, dtype: ScalarType.Float64);
            using (no_grad()) theta.copy_(saved);
            if (_resume.ObjectiveState is { } adaptiveState) objective.LoadAdaptiveState(adaptiveState);
        }
        using var evaluator = new Evaluator(_problem, Evaluation.GridFor(_problem, _options.EvaluationPoints));
        long total = _phases.Sum(p => (long)p.Steps), step = _resume?.Step ?? 0;
        var history = new List<HistoryRow>(_resume?.History ?? []);
        var reports = PhasesBefore(_resume?.Phase ?? 0, history);
        var clock = Stopwatch.StartNew();
        double offset = _resume?.Seconds ?? 0;
        double Now() => offset + clock.Elapsed.TotalSeconds;
        long lastEvent = -EventInterval;
        var outcome = TrainingOutcome.Completed;
        using var guard = new DivergenceGuard(theta, step);
        double nextTimedEvaluation = 0.05;
        var causal = new CausalSchedule(_options.Causal, _progress);
        var adaptive = new AdaptiveSchedule(_options.Adaptive, _options.Attention, _progress);
        var budget = new BudgetForecast(_options.TimeBudget);
        bool OverBudget() => budget.Exhausted(Now());
        bool Due(bool last)
        {
            if (last || (_options.EvaluateEvery > 0 && step % _options.EvaluateEvery == 0)) return true;
            if (_options.EvaluateTimeRatio <= 1 || Now() < nextTimedEvaluation) return false;
            nextTimedEvaluation = Now() * _options.EvaluateTimeRatio;
            return true;
        }

        for (int i = _resume?.Phase ?? 0; i < _phases.Count && outcome == TrainingOutcome.Completed && !OverBudget(); i++)
        {
            var phase = _phases[i];
            var optimizer = OptimizerCatalog.Default.Create(phase);
            try
            {
                int done = 0;
                if (_resume is not null && i == _resume.Phase)
                {
                    done = _resume.DoneInPhase;
                    if (_resume.OptimizerState is { } state) Checkpointable(optimizer).LoadState(state);
                }
                _progress.PhaseStarted(i, phase.Name, phase.Steps);
                double phaseStart = Now();
                budget.StartPhase();
                StepResult result = new(double.NaN, 0);
                while (done < phase.Steps)
                {
                    if (cancel.IsCancellationRequested)
                    {
                        outcome = TrainingOutcome.Interrupted;
                        _checkpoint?.Invoke(Snapshot(i, done, step, Now(), objective, evaluator, optimizer, history, "interrupted"));
                        break;
                    }
                    using var scope = NewDisposeScope();
                    if (_options.ResampleEvery > 0 && step > 0 && step % _options.ResampleEvery == 0) objective.Resample();
                    adaptive.BeforeStep(objective, theta, step, i);
                    causal.BeforeStep(objective, theta, step, done);
                    guard.BeforeStep();
                    double stepStart = Now();
                    result = optimizer.Step(objective, theta);
                    budget.Record(Now() - stepStart);
                    done++;
                    step++;
                    if (guard.Failed(result))
                    {
                        var what = guard.RollBack();
                        if (guard.ConsecutiveFailures >= DivergenceGuard.MaxConsecutiveFailures)
                        {
                            _progress.Event($"{phase.Name} step {step}: {what}; {guard.ConsecutiveFailures} failures in a row, stopping");
                            history.Add(new HistoryRow(step, i, Now(), result.Loss, objective.LastTermLosses.ToArray(), double.NaN));
                            outcome = TrainingOutcome.Diverged;
                            _checkpoint?.Invoke(Snapshot(i, done, step, Now(), objective, evaluator, optimizer, history, "diverged"));
                            break;
                        }
                        string remedy;
                        if (optimizer is IStabilizable stabilizable) remedy = stabilizable.Stabilize();
                        else
                        {
                            optimizer.Dispose();
                            optimizer = OptimizerCatalog.Default.Create(phase);
                            remedy = "optimizer state reset";
                        }
                        _progress.Event($"{phase.Name} step {step}: {what}; {remedy}");
                        history.Add(new HistoryRow(step, i, Now(), result.Loss, objective.LastTermLosses.ToArray(), double.NaN));
                        continue;
                    }
                    guard.Succeeded(step - 1);
                    bool overBudget = OverBudget();
                    bool last = done == phase.Steps || result.Stop != StopReason.None || overBudget;
                    double rel = double.NaN;
                    if (evaluator.HasExact && Due(last))
                    {
                        clock.Stop();   // evaluation is not training: the clock excludes it
                        rel = evaluator.RelativeL2(x => objective.Predict(theta, x));
                        clock.Start();
                    }
                    var row = new HistoryRow(step, i, Now(), result.Loss, objective.LastTermLosses.ToArray(), rel) { CausalMinWeight = objective.CausalMinWeight };
                    history.Add(row);
                    causal.AfterStep(objective, step);
                    _progress.Step(row, total);
                    if (result.Stop == StopReason.None && result.Message is not null && step - lastEvent >= EventInterval)
                    {
                        // Rejected steps, raised damping and the like: logged, at most once every EventInterval steps.
                        _progress.Event($"{phase.Name} step {step}: {result.Message}");
                        lastEvent = step;
                    }
                    if (result.Stop != StopReason.None)
                        _progress.Event($"{phase.Name} stopped after {done} steps: {result.Message ?? result.Stop.ToString()}");
                    if (_checkpointEvery > 0 && step % _checkpointEvery == 0)
                        _checkpoint?.Invoke(last
                            ? Snapshot(i + 1, 0, step, Now(), objective, evaluator, null, history, "periodic")
                            : Snapshot(i, done, step, Now(), objective, evaluator, optimizer, history, "periodic"));
                    if (result.Stop != StopReason.None) break;
                    if (overBudget)
                    {
                        _progress.Event($"time budget of {_options.TimeBudget:G4} s: stopping after {step} steps at {Now():F1} s");
                        outcome = TrainingOutcome.BudgetReached;
                        break;
                    }
                }
                reports.Add(new PhaseReport(phase.Name, phase.Steps, done, Now() - phaseStart, result.Loss, result.Stop, result.Message));
            }
            finally
            {
                optimizer.Dispose();
            }
        }

        double seconds = Now();
        double finalLoss = objective.Value(theta);
        var evaluation = evaluator.Compute(x => objective.Predict(theta, x));
        return new TrainingRun(_problem.Name, OptimizerSpec.Format(_phases), _network.ParameterCount, objective.ResidualCount,
            step, seconds, finalLoss, objective.TermNames, history, reports, evaluation) { Outcome = outcome };
    }

    /// <summary>Reports for the phases a resumed run finished before its checkpoint, rebuilt from the history.</summary>
    private List<PhaseReport> PhasesBefore(int phase, IReadOnlyList<HistoryRow> history) =>
        Enumerable.Range(0, phase).Select(j =>
        {
            var rows = history.Where(h => h.Phase == j).ToList();
            return new PhaseReport(_phases[j].Name, _phases[j].Steps, rows.Count, 0, rows.Count > 0 ? rows[^1].Loss : double.NaN, StopReason.None, "finished before the checkpoint");
        }).ToList();

    private static ICheckpointable Checkpointable(IOptimizer optimizer) =>
        optimizer as ICheckpointable ?? throw new InvalidOperationException($"optimizer '{optimizer.Name}' cannot save or restore its state");

    private TrainingSnapshot Snapshot(int phase, int done, long step, double seconds, PinnObjective objective, Evaluator evaluator,
        IOptimizer? optimizer, List<HistoryRow> history, string reason)
    {
        using var scope = NewDisposeScope();
        var theta = _network.Parameters.detach().cpu().data<double>().ToArray();
        var state = (optimizer as ICheckpointable)?.SaveState();   // every catalogue optimizer is checkpointable (a test checks it)
        return new TrainingSnapshot(phase, done, step, seconds, objective.PointsRevision, theta, state, history.ToArray(), reason)
        {
            Evaluation = evaluator.Compute(x => objective.Predict(_network.Parameters, x)),
            ObjectiveState = objective.SaveAdaptiveState(),
        };
    }
}
