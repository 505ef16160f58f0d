namespace Pinn.Solver.Training;

/// <summary>How a training run is carried out (the optimizers come separately).</summary>
/// <param name="Seed">Seed of the collocation points.</param>
/// <param name="EvaluateEvery">Evaluate the error against the exact solution every this many steps (0: only at the end).</param>
/// <param name="EvaluationPoints">Minimum number of evaluation points.</param>
/// <param name="ResampleEvery">Redraw the collocation points every this many steps (0: never).</param>
public sealed record TrainingOptions(int Seed = 0, int EvaluateEvery = 100, int EvaluationPoints = 10_000, int ResampleEvery = 0);
