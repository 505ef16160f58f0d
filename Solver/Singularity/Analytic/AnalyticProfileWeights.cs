namespace Pinn.Solver.Singularity;

/// <summary>Weights of the condition rows and of the origin row of <see cref="AnalyticProfileObjective"/> (the collocation rows have weight 1).</summary>
/// <param name="Conditions">w_c of the normalisation conditions.</param>
/// <param name="Origin">w_o of R's Taylor coefficient of the equation's origin order at y = 0; 0 leaves it out (the λ search's fixed-λ solves).</param>
/// <param name="Ridge">η of the Tikhonov rows η·c of the trainable coefficients (0: none).</param>
/// <param name="Infinity">w_∞ of the row w_∞·Σₖ cₖ over the regular family: its constant at infinity (ζ → 1), which a profile
/// growing like |y|^α cannot hold (−λ·const is balanced by no other far-field term); 0 leaves it out.</param>
/// <param name="OriginEmphasis">Multiply the collocation rows by (1 + y²)/y² (R/y² near 0, where R = O(y²)): without it a fit
/// may satisfy the origin conditions through a thin inner layer that the envelope-weighted rows hardly see.</param>
public sealed record AnalyticProfileWeights(double Conditions = 1, double Origin = 1, double Ridge = 0, double Infinity = 0, bool OriginEmphasis = false);
