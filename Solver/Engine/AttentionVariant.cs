namespace Pinn.Solver.Engine;

/// <summary>How residual-based attention turns residual magnitudes into the update target q ∈ (0, 1] of each multiplier.</summary>
public enum AttentionVariant
{
    /// <summary>RBA (Anagnostopoulos et al. 2024): q = |r|/max|r|.</summary>
    Rba,
    /// <summary>vRBA with the exponential potential (Toscano et al. 2025): q = exp(β(|r| − max|r|)), β = ln(k + 2)/max|r| at update k.</summary>
    Vrba,
}
