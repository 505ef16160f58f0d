namespace Pinn.Solver.Training;

/// <summary>How a training run is carried out (the optimizers come separately).</summary>
/// <param name="Seed">Seed of the collocation points.</param>
/// <param name="EvaluateEvery">Evaluate the error against the exact solution every this many steps (0: only at the end).</param>
/// <param name="EvaluationPoints">0 (the default): measure errors on the problem's error grid (<see cref="Pinn.Physics.Problem.ErrorGrid"/>);
/// N &gt; 0: on a closed grid of at least N points instead (quick looks, tests).</param>
/// <param name="ResampleEvery">Redraw the collocation points every this many steps (0: never).</param>
/// <param name="TimeBudget">Stop after this many seconds of training (0: no limit), checked between steps: no step starts
/// that would likely end past it (see <see cref="BudgetForecast"/>).</param>
/// <param name="EvaluateTimeRatio">Also evaluate the error whenever the training time has grown by this factor
/// since the last such evaluation (e.g. 1.1, from 0.05 s on; 0: off): error-against-time curves at little cost.</param>
/// <remarks>The training clock (history seconds, budgets) excludes the time spent evaluating the error.</remarks>
public sealed record TrainingOptions(int Seed = 0, int EvaluateEvery = 100, int EvaluationPoints = 0, int ResampleEvery = 0,
    double TimeBudget = 0, double EvaluateTimeRatio = 0)
{
    /// <summary>Causal weighting of the interior residual of a time-dependent problem (null: off).</summary>
    public Engine.CausalWeighting? Causal { get; init; }

    /// <summary>Residual-based attention multipliers on the interior residual rows (null: off).</summary>
    public Engine.ResidualAttention? Attention { get; init; }

    /// <summary>Adaptive sampling of the interior points from pools (null: off; excludes <see cref="ResampleEvery"/>).</summary>
    public Engine.AdaptiveSampling? Adaptive { get; init; }
}
