namespace Pinn.Solver.Training;

/// <summary>How a training run ended.</summary>
public enum TrainingOutcome
{
    /// <summary>Every phase ran to its step count or to its optimizer's stop.</summary>
    Completed,
    /// <summary>The time budget ran out (a normal end for wall-clock benchmarks).</summary>
    BudgetReached,
    /// <summary>Cancelled (Ctrl-C); a checkpoint was taken.</summary>
    Interrupted,
    /// <summary>Stopped after repeated non-finite losses or parameters; a checkpoint was taken.</summary>
    Diverged,
}
