namespace Pinn.Solver.Training;

/// <summary>Adaptive sampling from a pool and residual-based attention (<see cref="AdaptiveSchedule"/>) as a training hook.</summary>
internal sealed class AdaptiveHook(AdaptiveSchedule schedule) : ITrainingHook
{
    /// <inheritdoc />
    public void BeforeStep(TrainingStep step) => schedule.BeforeStep(step.Objective, step.Theta, step.Step, step.Phase);

    /// <inheritdoc />
    public void AfterStep(TrainingStep step, HistoryRow row) { }
}
