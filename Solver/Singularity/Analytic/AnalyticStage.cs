namespace Pinn.Solver.Singularity;

/// <summary>
/// One stage of an analytic profile: ε·Σ cⱼₖ bⱼₖ over its own basis (stage 1: ε = 1; stage s + 1: ε = the maximum
/// residual after stage s, so that its coefficients are O(1), after Wang and Lai's multi-stage fitting).
/// </summary>
/// <param name="Basis">Its basis.</param>
/// <param name="Scale">ε.</param>
/// <param name="Coefficients">Its real coefficients c (length <see cref="AnalyticProfileBasis.Count"/>).</param>
public sealed record AnalyticStage(AnalyticProfileBasis Basis, double Scale, double[] Coefficients)
{
    /// <summary>A stage with all coefficients zero.</summary>
    public static AnalyticStage Zero(AnalyticProfileBasis basis, double scale) => new(basis, scale, new double[basis.Count]);
}
