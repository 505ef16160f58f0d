using System.Diagnostics;
using Pinn.Optimizers;
using Pinn.Solver.Engine;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

/// <summary>
/// One run of a <see cref="Trainer"/>: owns the objective, the evaluator, the divergence guard, the clock, the history
/// and the hooks, and runs the phases. Split by concern: this file runs phases, <c>.Step</c> takes one step and handles
/// its failure, <c>.Records</c> builds history rows, snapshots and reports.
/// </summary>
/// <remarks>
/// Extension points: per-step hooks (<see cref="ITrainingHook"/>; resampling, adaptive sampling with residual-based
/// attention, and causal weights are built in as hooks, in that order),
/// how a phase gets its optimizer (<see cref="TrainingPhase.Create"/>, the one place), and the per-phase verdict
/// (<see cref="ProgressCheck"/>).
/// </remarks>
internal sealed partial class TrainingSession : IDisposable
{
    /// <summary>What a session is built from (the trainer's settings).</summary>
    public sealed record Settings(Physics.Problem Problem, Networks.Mlp Network, IReadOnlyList<TrainingPhase> Phases, TrainingOptions Options,
        IProgressSink Progress, TrainingSnapshot? Resume, int CheckpointEvery, Action<TrainingSnapshot>? Checkpoint, IReadOnlyList<ITrainingHook> Hooks);

    private const int EventInterval = 50;
    private readonly Settings _s;
    private readonly IDisposable _runScope;
    private readonly PinnObjective _objective;
    private readonly Evaluator _evaluator;
    private readonly DivergenceGuard _guard;
    private readonly BudgetForecast _budget;
    private readonly ProgressCheck _check;
    private readonly IReadOnlyList<ITrainingHook> _hooks;
    private readonly AdaptiveSchedule _adaptive;
    private readonly Stopwatch _clock = new();
    private readonly double _offset;
    private readonly List<HistoryRow> _history;
    private readonly List<PhaseReport> _reports;
    private readonly long _total;
    private long _step;
    private long _lastEvent = -EventInterval;
    private double _nextTimedEvaluation = 0.05;
    private TrainingOutcome _outcome = TrainingOutcome.Completed;
    private string? _reason;

    public TrainingSession(Settings settings)
    {
        _s = settings;
        _runScope = NewDisposeScope();   // catches every temporary made outside the per-step scopes
        _objective = new PinnObjective(_s.Problem, _s.Network, _s.Options.Seed, _s.Options.Causal, _s.Options.Attention, _s.Options.Adaptive);
        var resume = _s.Resume;
        if (resume is not null) Restore(resume);
        _evaluator = new Evaluator(_s.Problem, Evaluation.GridFor(_s.Problem, _s.Options.EvaluationPoints));
        _step = resume?.Step ?? 0;
        _offset = resume?.Seconds ?? 0;
        _history = [.. resume?.History ?? []];
        _reports = PhasesBefore(resume?.Phase ?? 0);
        _total = _s.Phases.Sum(p => (long)p.Steps);
        _guard = new DivergenceGuard(Theta, _step);
        _budget = new BudgetForecast(_s.Options.TimeBudget);
        _check = new ProgressCheck(resume is null ? StartLoss() : StoredStartLoss(resume));
        foreach (var row in _history) _check.Observe(row.Loss);
        _adaptive = new AdaptiveSchedule(_s.Options.Adaptive, _s.Options.Attention, _s.Progress);
        _hooks = [
            new ResampleHook(_s.Options.ResampleEvery),
            new AdaptiveHook(_adaptive),
            new CausalSchedule(_s.Options.Causal),
            .. _s.Hooks];
    }

    private Tensor Theta => _s.Network.Parameters;

    /// <summary>Training time: the clock runs only while steps are taken (evaluation excluded).</summary>
    private double Now() => _offset + _clock.Elapsed.TotalSeconds;

    private bool OverBudget() => _budget.Exhausted(Now());

    /// <summary>Runs the phases from the start or the resumed position; returns the run with its final evaluation.</summary>
    public TrainingRun Run(CancellationToken cancel)
    {
        _clock.Start();
        for (int i = _s.Resume?.Phase ?? 0; i < _s.Phases.Count && _outcome == TrainingOutcome.Completed; i++)
        {
            if (OverBudget())
            {
                EndOnBudget();
                break;
            }
            RunPhase(i, cancel);
        }
        if (_outcome is TrainingOutcome.Completed or TrainingOutcome.BudgetReached) _adaptive.KeepBest(_objective, Theta, _step);
        _clock.Stop();
        return Finish();
    }

    private void RunPhase(int index, CancellationToken cancel)
    {
        var phase = _s.Phases[index];
        using var run = new PhaseRun(index, phase, Now(), _s.Progress);
        if (_s.Resume is { } resume && index == resume.Phase)
        {
            run.Done = resume.DoneInPhase;
            if (resume.OptimizerState is { } state) Checkpointable(run.Optimizer).LoadState(state);
        }
        _s.Progress.PhaseStarted(index, phase.Name, phase.Steps);
        _budget.StartPhase();
        while (!run.Over)
        {
            if (cancel.IsCancellationRequested) Fail(run, TrainingOutcome.Interrupted, "interrupted");
            else TakeStep(run);
            if (_step % NativeMemory.CollectEvery == 0) NativeMemory.CollectGarbage();
        }
        if (_outcome == TrainingOutcome.Completed || _outcome == TrainingOutcome.BudgetReached) JudgePhase(run);
        _reports.Add(run.Report(Now()));
    }

    /// <summary>The per-phase verdict (<see cref="ProgressCheck"/>) on the loss at θ now.</summary>
    private void JudgePhase(PhaseRun run)
    {
        if (run.Last.Stop != StopReason.None) _check.Observe(run.Last.Stop);
        double loss;
        using (var scope = NewDisposeScope())
        {
            _clock.Stop();   // not training: the verdict's loss evaluation is excluded like the error's
            loss = _objective.Value(Theta);
            _clock.Start();
        }
        if (_check.Judge(loss, _step, budgetEnded: run.EndedBy == TrainingOutcome.BudgetReached) is { } failure) Fail(run, failure.Outcome, failure.Reason);
    }

    /// <summary>The time budget ran out between steps or phases.</summary>
    private void EndOnBudget()
    {
        _outcome = TrainingOutcome.BudgetReached;
        _reason = FormattableString.Invariant($"time budget of {_s.Options.TimeBudget:G4} s reached after {_step} steps at {Now():F1} s");
        _s.Progress.Event(_reason);
    }

    /// <summary>Ends the run with <paramref name="outcome"/>: the reason is logged and a checkpoint taken.</summary>
    private void Fail(PhaseRun run, TrainingOutcome outcome, string reason)
    {
        _outcome = outcome;
        _reason = reason;
        run.End(outcome);
        if (outcome != TrainingOutcome.Interrupted) _s.Progress.Event($"{run.Phase.Name} step {_step}: {reason}; stopping");
        WriteCheckpoint(() => Snapshot(run, outcome.CheckpointReason()));
    }

    private void Restore(TrainingSnapshot resume)
    {
        _objective.ResampleTo(resume.Revision);
        using var saved = tensor(resume.Theta, dtype: ScalarType.Float64);
        using (no_grad()) Theta.copy_(saved);
        if (resume.ObjectiveState is { } adaptiveState) _objective.LoadAdaptiveState(adaptiveState);
    }

    /// <summary>The loss at θ before the first step.</summary>
    private double StartLoss()
    {
        using var scope = NewDisposeScope();
        return _objective.Value(Theta);
    }

    /// <summary>A snapshot's start loss; a checkpoint written before it was stored falls back on the first finite history loss.</summary>
    private double StoredStartLoss(TrainingSnapshot resume) =>
        double.IsFinite(resume.StartLoss) ? resume.StartLoss
        : resume.History.FirstOrDefault(h => double.IsFinite(h.Loss))?.Loss ?? StartLoss();

    private static ICheckpointable Checkpointable(IOptimizer optimizer) =>
        optimizer as ICheckpointable ?? throw new InvalidOperationException($"optimizer '{optimizer.Name}' cannot save or restore its state");

    public void Dispose()
    {
        _guard.Dispose();
        _evaluator.Dispose();
        _objective.Dispose();
        _runScope.Dispose();
    }
}
