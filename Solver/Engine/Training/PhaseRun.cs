using Pinn.Optimizers;

namespace Pinn.Solver.Training;

/// <summary>One phase of a <see cref="TrainingSession"/> while it runs: its optimizer (replaced when a failure resets
/// it), steps done, the last step's result, and what ended it.</summary>
internal sealed class PhaseRun(int index, OptimizerPhase phase, IOptimizer optimizer, double startSeconds, IProgressSink progress) : IDisposable
{
    public int Index { get; } = index;
    public OptimizerPhase Phase { get; } = phase;
    public IOptimizer Optimizer { get; private set; } = optimizer;
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

    /// <summary>Replaces the optimizer (the old one is disposed).</summary>
    public void Replace(IOptimizer fresh)
    {
        Optimizer.Dispose();
        Optimizer = fresh;
    }

    public PhaseReport Report(double endSeconds) =>
        new(Phase.Name, Phase.Steps, Done, endSeconds - StartSeconds, Last.Loss, Last.Stop, Last.Message) { Ended = EndedBy ?? TrainingOutcome.Completed };

    public void Dispose() => Optimizer.Dispose();
}
