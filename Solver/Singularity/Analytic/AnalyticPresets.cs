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
    /// CCF branch 1 (λ ≈ 0.6057): the staged secant search (README, CCF paragraph). Each indicator value comes from a fit at the
    /// fixed λ on a coarse basis from the generic guess (3 × 40 at L = 0.3, with a small ridge, which keeps the coefficients of the
    /// redundant basis bounded), whose outer profile is the first unstable profile at another scale (its V/y dip at y ≈ 0.6
    /// instead of 0.174) and which meets the origin normalisation through a thin inner layer; then the normalisation moves to
    /// f(1) and stage 2 corrects it, still at that λ, on the rich basis of the prototype at that scale (local family at
    /// 0.6 ± 0.1i, far powers on L_f = 70 with 64 modes, 120 regular modes). Measured 2026-12-07: λ within 2.4e-8 of the anchor,
    /// max residual 4.1e-8, 12 fits in ~200 s; with 32 far modes the fits' floor is 8.9e-8 at y ~ 10⁶ and the indicator 1.3e-6 off.
    /// </summary>
    private static AnalyticSingularityOptions CcfFirstUnstable => new()
    {
        Branch = 1,
        Search = true,
        SearchEvaluations = 12,
        InitialLambda = 0.6,
        StartSteps = 400,
        OuterNormalisation = 1,
        StartBasis = new AnalyticProfileBasis(3, 40, 0.3, regular: true),
        Stages = 2,
        Powers = [4],
        Modes = [120],
        FarModes = [64],
        FarLength = 70,
        Local = new AnalyticLocalFamily(0.6, 0.1, 60),
        Length = 0.3,
        Points = 1400,
        MaxSteps = 300,
        Patience = 50,
        Weights = new AnalyticProfileWeights(Ridge: 1e-9, Infinity: 1),
    };
}
