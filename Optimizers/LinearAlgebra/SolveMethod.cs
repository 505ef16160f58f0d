namespace Pinn.Optimizers;

/// <summary>Which algorithm produced a linear solve's answer.</summary>
public enum SolveMethod
{
    /// <summary>Nothing was attempted (non-finite input); the answer is zero.</summary>
    None,
    /// <summary>Cholesky factorisation A = L Lᵀ and two triangular solves.</summary>
    Cholesky,
    /// <summary>Eigendecomposition A = V diag(w) Vᵀ and the pseudo-inverse of its positive part.</summary>
    EigenPseudoInverse,
    /// <summary>(Preconditioned) conjugate gradients.</summary>
    ConjugateGradient,
}
