using Pinn.Optimizers;

namespace Pinn.Solver.Training;

/// <summary>
/// Everything a training run needs to continue exactly where it was: the position in the optimizer
/// sequence, θ, the optimizer's state, the collocation points' revision and the history so far.
/// Checkpoint files store it; <see cref="Trainer.ResumingFrom"/> continues from it.
/// </summary>
/// <param name="Phase">Index of the phase to continue (equal to the number of phases when all are done).</param>
/// <param name="DoneInPhase">Steps of that phase already taken.</param>
/// <param name="Step">Global steps taken.</param>
/// <param name="Seconds">Training wall time so far.</param>
/// <param name="Revision">How often the collocation points have been redrawn.</param>
/// <param name="Theta">The flat parameter vector θ.</param>
/// <param name="OptimizerState">The current phase's optimizer state, or null at a phase boundary.</param>
/// <param name="History">The history rows so far.</param>
/// <param name="Reason">Why the snapshot was taken: "periodic", "interrupted" or "diverged".</param>
public sealed record TrainingSnapshot(
    int Phase,
    int DoneInPhase,
    long Step,
    double Seconds,
    long Revision,
    double[] Theta,
    OptimizerState? OptimizerState,
    IReadOnlyList<HistoryRow> History,
    string Reason)
{
    /// <summary>The objective's adaptive sampling and attention state (<see cref="Engine.PinnObjective.SaveAdaptiveState"/>), or null.</summary>
    public OptimizerState? ObjectiveState { get; init; }

    /// <summary>The network evaluated on the run's error grid when the snapshot was taken (null for one read from a file).</summary>
    public Evaluation? Evaluation { get; init; }

    /// <summary>The loss at θ before the run's first step (NaN when unknown: a checkpoint from before it was stored).</summary>
    public double StartLoss { get; init; } = double.NaN;

    /// <summary>The run's outcome so far (a failure for the checkpoint of a failed run).</summary>
    public TrainingOutcome Outcome { get; init; } = TrainingOutcome.Completed;

    /// <summary>One line on why the run stopped (null while it runs normally).</summary>
    public string? OutcomeReason { get; init; }
}
