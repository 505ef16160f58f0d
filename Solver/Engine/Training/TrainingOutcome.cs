namespace Pinn.Solver.Training;

/// <summary>How a training run ended. The last three are failures: the <c>pinn</c> command exits with 1 and a checkpoint.</summary>
public enum TrainingOutcome
{
    /// <summary>Every phase ran to its step count or to its optimizer's stop.</summary>
    Completed,
    /// <summary>The time budget ran out (a normal end for wall-clock benchmarks).</summary>
    BudgetReached,
    /// <summary>Cancelled (Ctrl-C, SIGTERM, SIGHUP); a checkpoint was taken.</summary>
    Interrupted,
    /// <summary>Stopped after repeated non-finite losses or parameters (<see cref="DivergenceGuard.MaxFailures"/> failed
    /// steps without a new lowest loss, alternating or in a row), or the loss ended non-finite; a checkpoint was taken.</summary>
    Diverged,
    /// <summary>The loss never fell below its value at the start of the run; a checkpoint was taken.</summary>
    NoProgress,
    /// <summary>A phase ended with the loss orders of magnitude (<see cref="ProgressCheck.BlowUpFactor"/>) above its start; a checkpoint was taken.</summary>
    BlownUp,
}

/// <summary>Helpers on <see cref="TrainingOutcome"/>.</summary>
public static class TrainingOutcomes
{
    /// <summary>Whether the outcome is a failure (diverged, no progress, blown up).</summary>
    public static bool IsFailure(this TrainingOutcome outcome) =>
        outcome is TrainingOutcome.Diverged or TrainingOutcome.NoProgress or TrainingOutcome.BlownUp;

    /// <summary>The checkpoint reason written for an outcome: interrupted, diverged, no_progress, blown_up (periodic otherwise).</summary>
    public static string CheckpointReason(this TrainingOutcome outcome) => outcome switch
    {
        TrainingOutcome.Interrupted => "interrupted",
        TrainingOutcome.Diverged => "diverged",
        TrainingOutcome.NoProgress => "no_progress",
        TrainingOutcome.BlownUp => "blown_up",
        _ => "periodic",
    };
}
