namespace Pinn.Optimizers;

/// <summary>What a linear solve did: its method, why it ended, and how good the answer is.</summary>
/// <param name="Method">The algorithm used (after any fallback).</param>
/// <param name="Exit">Why it ended.</param>
/// <param name="Iterations">Iterations of an iterative method; 0 for direct ones.</param>
/// <param name="ResidualNorm">‖A x − b‖₂ of the returned x, recomputed at the end (Frobenius norm for a block
/// right-hand side).</param>
/// <param name="RelativeResidual">‖A x − b‖ / ‖b‖ (0 when b = 0 and x solves it).</param>
/// <param name="ConditionEstimate">An estimate of the 2-norm condition number of A: exact λmax/λmin from an
/// eigendecomposition (∞ when λmin ≤ 0), (max Lᵢᵢ / min Lᵢᵢ)² from a Cholesky factor (a lower bound);
/// NaN when not estimated.</param>
/// <param name="Message">One line on what happened.</param>
public sealed record SolveReport(
    SolveMethod Method,
    SolveExit Exit,
    int Iterations,
    double ResidualNorm,
    double RelativeResidual,
    double ConditionEstimate,
    string Message)
{
    /// <summary>True when the answer is usable as a solution: solved directly, least squares on the kept
    /// eigenspace, or within the iterative tolerance.</summary>
    public bool Succeeded => Exit is SolveExit.Solved or SolveExit.RankDeficient or SolveExit.ToleranceReached;
}
