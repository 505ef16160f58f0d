using Pinn.Optimizers;

namespace Pinn.Solver.Training;

/// <summary>One phase of a <see cref="TrainingSession"/> while it runs: its optimizer (replaced when a failure resets
/// it), steps done, the last step's result, and what ended it.</summary>
internal sealed class PhaseRun(int index, TrainingPhase phase, double startSeconds, IProgressSink progress) : IDisposable
{
    public int Index { get; } = index;
    public TrainingPhase Phase { get; } = phase;
    public IOptimizer Optimizer { get; private set; } = phase.Create();
    public double StartSeconds { get; } = startSeconds;
    public int Done { get; set; }
    public StepResult Last { get; set; } = new(double.NaN, 0);
    public StallWatch Stall { get; } = new(phase, progress);

    /// <summary>What ended the phase early (budget, interruption, failure), or null while it runs.</summary>
    public TrainingOutcome? EndedBy { get; private set; }

    /// <summary>Set when a successful step's optimizer says it cannot or need not continue.</summary>
    public bool OptimizerStopped { get; set; }

    /// <summary>Whether the phase is over: all steps taken, an optimizer stop, or ended from outside.</summary>
    public bool Over => EndedBy is not null || Done >= Phase.Steps || OptimizerStopped;

    public void End(TrainingOutcome outcome) => EndedBy ??= outcome;

    /// <summary>Replaces the optimizer (the old one is disposed; only for a phase that owns its optimizers).</summary>
    public void Replace(IOptimizer fresh)
    {
        Dispose();
        Optimizer = fresh;
    }

    public PhaseReport Report(double endSeconds) =>
        new(Phase.Name, Phase.Steps, Done, endSeconds - StartSeconds, Last.Loss, Last.Stop, Last.Message) { Ended = EndedBy ?? TrainingOutcome.Completed };

    /// <summary>Disposes the optimizer when the phase owns it (a caller's object is left to the caller).</summary>
    public void Dispose()
    {
        if (Phase.OwnsOptimizers) Optimizer.Dispose();
    }
}
