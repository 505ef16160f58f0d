namespace Pinn.Solver.Singularity;

/// <summary>
/// The default settings of the analytic search per equation and branch: what the command runs when an option is not given
/// (each given option replaces its default).
/// </summary>
public static class AnalyticPresets
{
    /// <summary>The defaults of <paramref name="branch"/> of <paramref name="equation"/>.</summary>
    public static AnalyticSingularityOptions For(IProfileEquation equation, int branch) => equation switch
    {
        CcfProfileEquation when branch == 1 => CcfFirstUnstable,
        _ => new AnalyticSingularityOptions { Branch = branch },
    };

    /// <summary>
    /// CCF branch 1 (λ ≈ 0.6057), the best start measured so far, NOT converged (README, CCF paragraph): a fit at the fixed
    /// λ₀ = 0.6 from the generic guess (with a small ridge, which keeps the coefficients of the redundant basis bounded)
    /// whose outer profile has the first unstable profile's V/y dip, at another scale, and meets the origin normalisation
    /// through a thin inner layer; then the normalisation moves to f(1) and λ is trained. λ drifts from 0.6 towards 0.6057
    /// ever more slowly (0.6002 after 300 steps): the basin is not yet reached from this start.
    /// </summary>
    private static AnalyticSingularityOptions CcfFirstUnstable => new()
    {
        Branch = 1,
        Search = false,
        InitialLambda = 0.6,
        StartSteps = 400,
        OuterNormalisation = 1,
        Stages = 1,
        Powers = [3],
        Modes = [40],
        Length = 0.3,
        Points = 800,
        MaxSteps = 400,
        Weights = new AnalyticProfileWeights(Ridge: 1e-9),
    };
}
