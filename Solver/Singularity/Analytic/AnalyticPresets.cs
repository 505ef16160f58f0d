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
    /// fixed λ on a coarse basis from the generic guess (3 × 40 at L = 0.3, ridge 1e-5, which keeps the coefficients of the
    /// redundant basis small: at 1e-9 they reached 1e5 and their round-off set a floor of ~1e-9), whose outer profile is the first
    /// unstable profile at another scale (its V/y dip at y ≈ 0.6 instead of 0.174) and which meets the origin normalisation through a
    /// thin inner layer; then the normalisation moves to f(1) and stage 2 corrects it, still at that λ, on the rich basis of the
    /// prototype at that scale (local family at 0.6 ± 0.1i, far powers on L_f = 70 with 64 modes, 120 regular modes, 200 more points
    /// log-uniform out to y = 1e9), with origin emphasis: the rows R/y² near 0 pin R's y² coefficient, the indicator, to ~1e-11
    /// (without emphasis it varied by ~2e-8 between fits with residuals below 1e-10). After the search, four refinements at the λ
    /// found (held, origin row on): every family on the Cayley length 100, then 1000, then the main basis, then 100 again. Measured 2026-12-07: see
    /// the README (CCF paragraph) and BENCHMARKS `singularity`.
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
        Weights = new AnalyticProfileWeights(Ridge: 1e-9, Infinity: 1, OriginEmphasis: true),
        StartRidge = 1e-5,
        FarPoints = 200,
        Refinements = [Long(100), Long(1000), null, Long(100)],
    };

    /// <summary>A refinement basis with every family on the Cayley length <paramref name="length"/>: 4 far powers × 64 modes and 40 regular modes.</summary>
    private static AnalyticProfileBasis Long(double length) => new(4, 40, length, regular: true, farModes: 64, farLength: length);
}
