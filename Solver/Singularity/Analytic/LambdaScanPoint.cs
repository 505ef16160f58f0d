namespace Pinn.Solver.Singularity;

/// <summary>One fixed-λ fit of <see cref="AnalyticProfileSolver.Scan"/>: R's origin coefficient (the smoothness indicator, zero
/// at an admissible λ) and how far the fit converged (its loss, steps and why it stopped).</summary>
public sealed record LambdaScanPoint(double Lambda, double Indicator, double Loss, int Steps, string Stop)
{
    /// <summary>The fitted stage.</summary>
    public AnalyticStage? Stage { get; init; }
}
