using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// (Preconditioned) conjugate gradients for A x = b with A symmetric positive definite, given only as an
/// operator (e.g. JᵀJ + λI applied as Jᵀ(J v) + λv).
/// </summary>
/// <remarks>
/// J. Nocedal and S. J. Wright, <i>Numerical Optimization</i>, 2nd ed., Springer 2006, Algorithm 5.3
/// (preconditioned CG): r₀ = b − A x₀, z₀ = M r₀, p₀ = z₀; αₖ = rₖᵀzₖ / pₖᵀA pₖ, xₖ₊₁ = xₖ + αₖ pₖ,
/// rₖ₊₁ = rₖ − αₖ A pₖ, zₖ₊₁ = M rₖ₊₁, βₖ = rₖ₊₁ᵀzₖ₊₁ / rₖᵀzₖ, pₖ₊₁ = zₖ₊₁ + βₖ pₖ, with
/// M ≈ A⁻¹ symmetric positive definite (identity when none is given). Starts from a given x₀ (warm start)
/// or zero. It never throws on a bad operator: pᵀAp ≤ 0 ends with <see cref="SolveExit.NegativeCurvature"/>,
/// rᵀz ≤ 0 with <see cref="SolveExit.Breakdown"/>, NaN with <see cref="SolveExit.NonFinite"/>, each
/// returning the last good iterate. The reported residual is recomputed as ‖b − A x‖ at the end.
/// A caller's own stopping rule (e.g. the relative-progress test of Martens' Hessian-free method, see
/// <see cref="HessianFree"/>) can be passed as <c>stop</c>; it ends the solve with
/// <see cref="SolveExit.ToleranceReached"/>.
/// </remarks>
public static class ConjugateGradient
{
    /// <summary>Solves A x = b.</summary>
    /// <param name="matrix">A, square, symmetric positive definite.</param>
    /// <param name="rhs">b, a float64 vector [n].</param>
    /// <param name="initialGuess">x₀ (not modified), or null for zero.</param>
    /// <param name="preconditioner">M ≈ A⁻¹, square [n, n], symmetric positive definite; null for none.</param>
    /// <param name="options">Tolerances and the iteration limit.</param>
    /// <param name="stop">Called after each iteration with (iterations so far, x, r = b − A x); returning true
    /// ends the solve (reported as <see cref="SolveExit.ToleranceReached"/>). The tensors belong to the solver:
    /// read or clone them, never modify or keep them. Null for none.</param>
    /// <returns>x, a fresh [n] tensor, and the report.</returns>
    public static (Tensor Solution, SolveReport Report) Solve(
        ILinearOperator matrix, Tensor rhs, Tensor? initialGuess = null, ILinearOperator? preconditioner = null,
        ConjugateGradientOptions? options = null, Func<int, Tensor, Tensor, bool>? stop = null)
    {
        options ??= new ConjugateGradientOptions();
        options.Validate();
        CheckArguments(matrix, rhs, initialGuess, preconditioner);

        using var scope = torch.NewDisposeScope();
        var x = initialGuess is null ? torch.zeros_like(rhs) : initialGuess.detach().clone();
        var residual = rhs - matrix.Apply(x);
        var z = preconditioner is null ? residual.clone() : preconditioner.Apply(residual);
        var direction = z.clone();
        var rz = residual.dot(z).item<double>();
        var target = Math.Max(options.RelativeTolerance * VectorMath.Norm(rhs), options.AbsoluteTolerance);
        var residualNorm = VectorMath.Norm(residual);

        var iterations = 0;
        SolveExit exit;
        string message;
        while (true)
        {
            if (ExitBeforeIteration(residualNorm, target, iterations, options.MaxIterations, rz) is { } done)
            {
                (exit, message) = done;
                break;
            }
            using var iteration = torch.NewDisposeScope();
            var product = matrix.Apply(direction);
            var curvature = direction.dot(product).item<double>();
            if (!(curvature > 0))
            {
                (exit, message) = (double.IsNaN(curvature) ? SolveExit.NonFinite : SolveExit.NegativeCurvature,
                    $"pᵀAp = {curvature:G3} at iteration {iterations + 1}: the matrix is not positive definite");
                break;
            }
            var step = rz / curvature;
            x.add_(direction, step);
            residual.add_(product, -step);
            residualNorm = VectorMath.Norm(residual);
            iterations++;
            if (stop is not null && double.IsFinite(residualNorm) && stop(iterations, x, residual))
            {
                (exit, message) = (SolveExit.ToleranceReached, $"the caller's stopping rule ended the solve after {iterations} iterations, ‖r‖ = {residualNorm:G3}");
                break;
            }
            var zNext = preconditioner is null ? residual : preconditioner.Apply(residual);
            var rzNext = residual.dot(zNext).item<double>();
            direction.mul_(rzNext / rz).add_(zNext);
            rz = rzNext;
        }

        var trueResidual = VectorMath.Norm(rhs - matrix.Apply(x));
        var rhsNorm = VectorMath.Norm(rhs);
        var relative = rhsNorm > 0 ? trueResidual / rhsNorm : trueResidual == 0 ? 0 : double.PositiveInfinity;
        return (x.MoveToOuterDisposeScope(),
            new SolveReport(SolveMethod.ConjugateGradient, exit, iterations, trueResidual, relative, double.NaN, message));
    }

    /// <summary>Why the iteration ends before iteration <paramref name="iterations"/> + 1, or null to go on.</summary>
    private static (SolveExit Exit, string Message)? ExitBeforeIteration(double residualNorm, double target, int iterations, int maxIterations, double rz)
    {
        if (!double.IsFinite(residualNorm)) return (SolveExit.NonFinite, "the residual became NaN or infinite");
        if (residualNorm <= target) return (SolveExit.ToleranceReached, $"‖r‖ = {residualNorm:G3} ≤ {target:G3}");
        if (iterations == maxIterations) return (SolveExit.IterationLimit, $"{iterations} iterations, ‖r‖ = {residualNorm:G3} > {target:G3}");
        if (!(rz > 0)) return (double.IsNaN(rz) ? SolveExit.NonFinite : SolveExit.Breakdown, $"rᵀMr = {rz:G3}: the preconditioner is not positive definite");
        return null;
    }

    private static void CheckArguments(ILinearOperator matrix, Tensor rhs, Tensor? initialGuess, ILinearOperator? preconditioner)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rows != matrix.Columns)
        {
            throw new ArgumentException($"conjugate gradients need a square operator; got [{matrix.Rows}, {matrix.Columns}].", nameof(matrix));
        }
        if (preconditioner is not null && (preconditioner.Rows != matrix.Rows || preconditioner.Columns != matrix.Rows))
        {
            throw new ArgumentException(
                $"the preconditioner must be [{matrix.Rows}, {matrix.Rows}] like the matrix; got [{preconditioner.Rows}, {preconditioner.Columns}].",
                nameof(preconditioner));
        }
        ThetaChecks.Validate(rhs, nameof(rhs));
        if (rhs.shape[0] != matrix.Columns)
        {
            throw new ArgumentException($"b has {rhs.shape[0]} entries but the matrix is {matrix.Rows}×{matrix.Columns}.", nameof(rhs));
        }
        if (initialGuess is not null)
        {
            ThetaChecks.ValidateLike(rhs, initialGuess, nameof(initialGuess));
        }
    }
}
