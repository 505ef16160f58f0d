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
    /// CCF branch 1 (λ ≈ 0.6057), the best start measured so far, NOT converged in λ (README, CCF paragraph): a fit at the
    /// fixed λ₀ = 0.6 from the generic guess on a coarse basis (3 × 40 at L = 0.3, with a small ridge, which keeps the
    /// coefficients of the redundant basis bounded), whose outer profile is the first unstable profile at another scale
    /// (its V/y dip at y ≈ 0.6 instead of 0.174) and which meets the origin normalisation through a thin inner layer; then
    /// the normalisation moves to f(1) and λ is trained (stage 1), and stage 2 corrects it on the rich basis of the
    /// prototype at that scale (local family at 0.6 ± 0.1i, far powers on L_f = 70, 120 regular modes). The residual falls
    /// to ~1e-6 but λ stays near 0.6002.
    /// </summary>
    private static AnalyticSingularityOptions CcfFirstUnstable => new()
    {
        Branch = 1,
        Search = false,
        InitialLambda = 0.6,
        StartSteps = 400,
        OuterNormalisation = 1,
        StartBasis = new AnalyticProfileBasis(3, 40, 0.3, regular: true),
        Stages = 2,
        Powers = [4],
        Modes = [120],
        FarModes = [32],
        FarLength = 70,
        Local = new AnalyticLocalFamily(0.6, 0.1, 60),
        Length = 0.3,
        Points = 1400,
        MaxSteps = 300,
        Patience = 50,
        Weights = new AnalyticProfileWeights(Ridge: 1e-9, Infinity: 1),
    };
}
