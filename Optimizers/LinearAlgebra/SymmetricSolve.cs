using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Dense solution of A x = b for a symmetric A (a damped Gramian JᵀJ + λI, a kernel JJᵀ + λI): Cholesky
/// when A is positive definite, otherwise the pseudo-inverse of the positive part of its spectrum. Never
/// throws on a singular, indefinite or non-finite matrix; the <see cref="SolveReport"/> says what happened.
/// </summary>
/// <remarks>
/// Only the symmetric part ½(A + Aᵀ) is used. First <c>torch.linalg.cholesky_ex</c>, which reports failure
/// instead of throwing (G. H. Golub and C. F. Van Loan, <i>Matrix Computations</i>, 4th ed., 2013, Alg. 4.2.2).
/// When the factorisation fails (A not positive definite at float64 resolution), its pivots show a condition
/// number (max Lᵢᵢ / min Lᵢᵢ)² ≥ 1/rtol (a lower bound of κ₂(A): the matrix is singular at that tolerance,
/// and a Cholesky answer would be dominated by round-off), or it gives a non-finite answer,
/// the eigendecomposition A = V diag(w) Vᵀ is used and x = Σ_{wᵢ &gt; τ} vᵢ (vᵢᵀb) / wᵢ with
/// τ = rtol · max(w) (Golub and Van Loan §5.5.4). Eigenvalues at or below τ, negative ones included, are
/// dropped: for a Gramian they are round-off, and keeping only the positive part makes −x a descent
/// direction whenever b is a gradient. For a positive semi-definite A this is the minimum-norm
/// least-squares solution A⁺b. If A or b holds NaN or ∞, the answer is zero with
/// <see cref="SolveExit.NonFinite"/>.
/// </remarks>
public static class SymmetricSolve
{
    /// <summary>Solves A x = b for a dense symmetric A.</summary>
    /// <param name="matrix">A, a square [n, n] float64 tensor (not modified).</param>
    /// <param name="rhs">b, [n] or a block [n, k], float64, on A's device.</param>
    /// <param name="relativeTolerance">rtol of the eigenvalue cut-off; default n·ε (ε = 2⁻⁵²), as for a
    /// numerical rank.</param>
    /// <returns>x, a fresh tensor shaped like b, and the report.</returns>
    /// <exception cref="ArgumentException">A not square float64, or b of the wrong shape, dtype or device.</exception>
    public static (Tensor Solution, SolveReport Report) Solve(Tensor matrix, Tensor rhs, double? relativeTolerance = null)
    {
        CheckSystem(matrix, rhs);
        var n = matrix.shape[0];
        var rtol = relativeTolerance ?? n * VectorMath.MachineEpsilon;
        if (!(double.IsFinite(rtol) && rtol >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeTolerance), rtol, "the relative tolerance must be finite and ≥ 0.");
        }

        using var scope = torch.NewDisposeScope();
        if (!AllFinite(matrix) || !AllFinite(rhs))
        {
            var zero = torch.zeros_like(rhs);
            return (zero.MoveToOuterDisposeScope(), Report(SolveMethod.None, SolveExit.NonFinite, matrix, rhs, zero, double.NaN,
                "the matrix or the right-hand side has NaN or infinite entries; returned zero"));
        }
        var symmetric = matrix.add(matrix.t()).mul_(0.5);
        var block = rhs.dim() == 1 ? rhs.unsqueeze(1) : rhs;

        var (factor, info) = torch.linalg.cholesky_ex(symmetric);
        var failedColumn = info.item<int>();
        string why;
        if (failedColumn == 0)
        {
            var diagonal = factor.diagonal();
            var ratio = diagonal.max().item<double>() / diagonal.min().item<double>();
            var condition = ratio * ratio;
            var solution = torch.cholesky_solve(block, factor);
            if (condition * rtol < 1 && AllFinite(solution))
            {
                var x = rhs.dim() == 1 ? solution.squeeze(1) : solution;
                return (x.MoveToOuterDisposeScope(), Report(SolveMethod.Cholesky, SolveExit.Solved, symmetric, rhs, x, condition,
                    $"Cholesky of the {n}×{n} matrix"));
            }
            why = condition * rtol >= 1
                ? $"Cholesky pivots show a condition number ≥ {condition:G3} ≥ 1/rtol"
                : "Cholesky gave a non-finite answer";
        }
        else
        {
            why = $"not positive definite (Cholesky failed at column {failedColumn})";
        }
        return PseudoInverse(symmetric, rhs, block, rtol, why);
    }

    /// <summary>Solves A x = b for a square operator A via its dense matrix (<see cref="ILinearOperator.ToDense"/>).</summary>
    public static (Tensor Solution, SolveReport Report) Solve(ILinearOperator matrix, Tensor rhs, double? relativeTolerance = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rows != matrix.Columns)
        {
            throw new ArgumentException($"a symmetric solve needs a square operator; got [{matrix.Rows}, {matrix.Columns}].", nameof(matrix));
        }
        using var dense = matrix.ToDense();
        return Solve(dense, rhs, relativeTolerance);
    }

    private static (Tensor, SolveReport) PseudoInverse(Tensor symmetric, Tensor rhs, Tensor block, double rtol, string why)
    {
        var n = symmetric.shape[0];
        Tensor eigenvalues, eigenvectors;
        try
        {
            (eigenvalues, eigenvectors) = torch.linalg.eigh(symmetric);
        }
        catch (Exception error) when (error is ExternalException)
        {
            var zero = torch.zeros_like(rhs);
            return (zero.MoveToOuterDisposeScope(), Report(SolveMethod.EigenPseudoInverse, SolveExit.Breakdown, symmetric, rhs, zero, double.NaN,
                $"{why}, and the eigendecomposition failed ({error.Message.Split('\n')[0]}); returned zero"));
        }
        var largest = eigenvalues.max().item<double>();
        var smallest = eigenvalues.min().item<double>();
        var threshold = rtol * largest;
        var kept = eigenvalues.gt(threshold);
        if (!(largest > 0))
        {
            kept = torch.zeros_like(kept);
        }
        var rank = kept.sum().item<long>();
        var inverse = torch.where(kept, eigenvalues.reciprocal(), torch.zeros_like(eigenvalues));
        var solution = eigenvectors.matmul(inverse.unsqueeze(1).mul(eigenvectors.t().matmul(block)));
        var x = rhs.dim() == 1 ? solution.squeeze(1) : solution;
        var condition = smallest > 0 ? largest / smallest : double.PositiveInfinity;
        var exit = rank == n ? SolveExit.Solved : rank == 0 ? SolveExit.Breakdown : SolveExit.RankDeficient;
        var message = rank == 0
            ? $"{why}, and no eigenvalue exceeds {threshold:G3} (largest {largest:G3}); returned zero"
            : $"{why}; eigen pseudo-inverse kept {rank} of {n} eigenvalues (> {threshold:G3}, range [{smallest:G3}, {largest:G3}])";
        return (x.MoveToOuterDisposeScope(), Report(SolveMethod.EigenPseudoInverse, exit, symmetric, rhs, x, condition, message));
    }

    private static SolveReport Report(SolveMethod method, SolveExit exit, Tensor matrix, Tensor rhs, Tensor x, double condition, string message)
    {
        using var scope = torch.NewDisposeScope();
        var rhsNorm = torch.linalg.norm(rhs).item<double>();
        var residual = AllFinite(matrix) ? torch.linalg.norm(matrix.matmul(x).sub_(rhs)).item<double>() : double.NaN;
        var relative = rhsNorm > 0 ? residual / rhsNorm : residual == 0 ? 0 : double.PositiveInfinity;
        return new SolveReport(method, exit, 0, residual, relative, condition, message);
    }

    internal static void CheckSystem(Tensor matrix, Tensor rhs)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.dim() != 2 || matrix.shape[0] != matrix.shape[1] || matrix.shape[0] < 1 || matrix.dtype != ScalarType.Float64)
        {
            throw new ArgumentException(
                $"the matrix must be a square, non-empty float64 tensor; got {matrix.dtype} of shape {ThetaChecks.Shape(matrix)}.",
                nameof(matrix));
        }
        LinearOperator.CheckOperand(rhs, matrix.shape[0], matrix, nameof(rhs));
    }

    internal static bool AllFinite(Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        return torch.isfinite(tensor).all().item<bool>();
    }
}
