namespace Pinn.Optimizers;

/// <summary>Parameters of <see cref="Lbfgs"/>. The tolerances are float64 ones: with float32-sized
/// tolerances L-BFGS stops early on PINN losses.</summary>
public sealed record LbfgsOptions
{
    /// <summary>Number m of curvature pairs (s, y) kept. Command-line key <c>history</c>.</summary>
    public int History { get; init; } = 100;

    /// <summary>Stop when the largest absolute gradient entry ‖g‖∞ is at most this. Key <c>gtol</c>.</summary>
    public double GradientTolerance { get; init; } = 1e-11;

    /// <summary>
    /// Relative loss change regarded as none: an iteration whose decrease (f₋ − f₊) is at most
    /// FunctionTolerance·max(|f₋|, |f₊|) and that brings no new lowest ‖g‖∞ counts as stalled, and
    /// <see cref="StallIterations"/> stalled iterations in a row stop with
    /// <see cref="StopReason.FunctionTolerance"/>. Key <c>ftol</c>.
    /// </summary>
    public double FunctionTolerance { get; init; } = 1e-16;

    /// <summary>Consecutive stalled iterations (see <see cref="FunctionTolerance"/>) before stopping.</summary>
    public int StallIterations { get; init; } = 20;

    /// <summary>Line-search evaluations allowed per iteration (one more is spent at a (re)start). Key <c>max-evals</c>.</summary>
    public int MaxEvaluationsPerStep { get; init; } = 25;

    /// <summary>
    /// When the objective changes at the current θ (<see cref="IObjective.Revision"/>: resampled collocation points,
    /// updated weights), keep the curvature pairs and recompute only f and g (as vRBA's quasi-Newton stage keeps its
    /// inverse Hessian across batches) instead of starting afresh. Key <c>keep</c>.
    /// </summary>
    public bool KeepHistory { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.Positive(History, nameof(History));
        Check.Positive(GradientTolerance, nameof(GradientTolerance));
        Check.Positive(FunctionTolerance, nameof(FunctionTolerance));
        Check.Positive(StallIterations, nameof(StallIterations));
        Check.Positive(MaxEvaluationsPerStep, nameof(MaxEvaluationsPerStep));
    }
}
