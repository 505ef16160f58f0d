using Pinn.Optimizers;

namespace Pinn.Solver.Training;

/// <summary>What one optimizer phase did.</summary>
/// <param name="Optimizer">The optimizer's name.</param>
/// <param name="PlannedSteps">Steps the spec asked for.</param>
/// <param name="Steps">Steps taken.</param>
/// <param name="Seconds">Training time spent in the phase.</param>
/// <param name="FinalLoss">The last loss the optimizer reported.</param>
/// <param name="Stop">The optimizer's own stop (convergence, failed line search …), or <see cref="StopReason.None"/>.</param>
/// <param name="Message">The optimizer's or the trainer's account of the stop.</param>
public sealed record PhaseReport(string Optimizer, int PlannedSteps, int Steps, double Seconds, double FinalLoss, StopReason Stop, string? Message)
{
    /// <summary>What ended the phase from outside the optimizer (budget, interruption, a failure), or
    /// <see cref="TrainingOutcome.Completed"/> when it ran its steps or stopped on its own.</summary>
    public TrainingOutcome Ended { get; init; } = TrainingOutcome.Completed;

    /// <summary>Why the phase ended, one word: Completed (all steps), the optimizer's <see cref="StopReason"/>
    /// (e.g. FunctionTolerance), or BudgetReached, Interrupted, Diverged, NoProgress, BlownUp.</summary>
    public string StopName => Ended != TrainingOutcome.Completed ? Ended.ToString()
        : Stop != StopReason.None ? Stop.ToString()
        : Steps >= PlannedSteps ? "Completed" : "Unfinished";
}
