namespace Pinn.Solver.Training;

/// <summary>Redraws the collocation points every <paramref name="every"/> steps (<see cref="TrainingOptions.ResampleEvery"/>).</summary>
internal sealed class ResampleHook(int every) : ITrainingHook
{
    /// <inheritdoc />
    public void BeforeStep(TrainingStep step)
    {
        if (every > 0 && step.Step > 0 && step.Step % every == 0) step.Objective.Resample();
    }

    /// <inheritdoc />
    public void AfterStep(TrainingStep step, HistoryRow row) { }
}
