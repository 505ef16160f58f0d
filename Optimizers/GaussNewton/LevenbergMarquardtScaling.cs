namespace Pinn.Optimizers;

/// <summary>The damping matrix D of Levenberg–Marquardt, (JᵀJ + μD) h = −Jᵀr.</summary>
public enum LevenbergMarquardtScaling
{
    /// <summary>D = I (Levenberg 1944); μ₀ = τ·max diag(JᵀJ).</summary>
    Identity,
    /// <summary>D = diag(JᵀJ), each entry floored at ε·max diag(JᵀJ) (Marquardt 1963): invariant to a
    /// rescaling of the parameters; μ₀ = τ.</summary>
    Diagonal,
}
