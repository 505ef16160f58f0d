namespace Pinn.Solver.Training;

/// <summary>
/// A per-step extension of the training loop: something that changes the objective between steps (redrawn
/// collocation points, causal weights, residual-based point weights, points resampled from a pool) or watches the run.
/// Add one with <see cref="Trainer.WithHook"/>; hooks run in the order added, after the built-in ones (resampling, then
/// causal weights).
/// </summary>
/// <remarks>
/// A hook that changes the objective should bump its revision (<see cref="Engine.PinnObjective.Revision"/>) so that
/// optimizers with memory (L-BFGS pairs, line-search state) know the loss changed. For a bit-for-bit resume, a hook
/// must make its changes a function of (seed, step, θ at the step's start) or keep its state in the checkpoint.
/// </remarks>
public interface ITrainingHook
{
    /// <summary>Before the optimizer's step; <see cref="TrainingStep.Step"/> counts the steps taken so far.</summary>
    void BeforeStep(TrainingStep step);

    /// <summary>After a step that succeeded and was recorded as <paramref name="row"/>; <see cref="TrainingStep.Step"/> includes it.</summary>
    void AfterStep(TrainingStep step, HistoryRow row);
}
