namespace Pinn.Optimizers;

/// <summary>How a linear solve ended.</summary>
public enum SolveExit
{
    /// <summary>A direct method solved the system (the matrix was positive definite at float64 resolution).</summary>
    Solved,
    /// <summary>The pseudo-inverse dropped eigenvalues at or below the tolerance: the answer is the
    /// minimum-norm least-squares solution on the kept (positive) eigenspace.</summary>
    RankDeficient,
    /// <summary>An iterative method reached its residual tolerance.</summary>
    ToleranceReached,
    /// <summary>An iterative method ran out of iterations; the answer is its last iterate.</summary>
    IterationLimit,
    /// <summary>Conjugate gradients met a direction p with pᵀAp ≤ 0 (A not positive definite); the answer
    /// is the iterate before it.</summary>
    NegativeCurvature,
    /// <summary>The input or an intermediate quantity was NaN or infinite; the answer is the last finite
    /// iterate (zero for direct methods).</summary>
    NonFinite,
    /// <summary>The factorisation or iteration failed for another reason (e.g. an indefinite
    /// preconditioner, or no positive eigenvalue at all); see the message.</summary>
    Breakdown,
}
