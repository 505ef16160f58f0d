using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Energy natural gradient descent: d = (G + λI)⁻¹ Jᵀr with the Gramian G = JᵀJ of the residual Jacobian
/// (optionally a moving average of it), then θ ← θ − η d with η from a grid line search. With zero damping
/// and no averaging it is the Gauss–Newton method with a line search (<see cref="GaussNewton"/>).
/// </summary>
/// <remarks>
/// J. Müller and M. Zeinhofer, "Achieving high accuracy with PINNs via energy natural gradient descent",
/// ICML 2023, Algorithm 1 and eq. (9): the energy Gramian G_ij = Σ_terms mean_points (L[∂θᵢu])(L[∂θⱼu]) is
/// JᵀJ for the residual vector r with each term's 1/√N folded in, and the natural gradient G⁺∇L is
/// computed here by a damped dense solve (<see cref="SymmetricSolve"/>: Cholesky, or the eigen
/// pseudo-inverse when G + λI is singular at float64 resolution). Moving average (option
/// <see cref="GramianOptions.MovingAverage"/> = β): G ← β G_old + (1 − β) JᵀJ, starting from the first JᵀJ;
/// the reference's best run uses β = 0.3, λ = 1e-10. The Gramian is P×P: beyond ~10⁴ parameters, or
/// whenever there are fewer residuals than parameters, use <see cref="EngdWoodbury"/> or <see cref="EngdNystrom"/>.
/// Block-diagonal mode (<see cref="GramianOptions.BlockDiagonal"/>, objective implementing
/// <see cref="IParameterBlocks"/>): G is replaced by its diagonal blocks G_bb = J_bᵀJ_b, one per layer,
/// and each (G_bb + λI) d_b = J_bᵀr is solved separately, as in layer-wise curvature approximations
/// (J. Martens and R. Grosse, "Optimizing neural networks with Kronecker-factored approximate curvature",
/// ICML 2015, §4, the block-diagonal Fisher before its Kronecker factorisation).
/// Step logic, failure handling and stops: <see cref="GramianOptimizer"/>.
/// </remarks>
public sealed class Engd : GramianOptimizer
{
    private Tensor? _averageGramian;

    /// <summary>Creates ENGD with the given (or default) options.</summary>
    public Engd(GramianOptions? options = null)
        : this("engd", options ?? new GramianOptions())
    {
    }

    private Engd(string name, GramianOptions options)
        : base(name, options)
    {
    }

    /// <summary>
    /// Gauss–Newton with the grid line search: this class with no damping by default (a singular JᵀJ is
    /// handled by the pseudo-inverse, giving the minimum-norm step J⁺r) and no moving average; name
    /// <c>gauss-newton</c>.
    /// </summary>
    public static Engd GaussNewton(GramianOptions? options = null) => new("gauss-newton", options ?? GramianOptions.GaussNewtonDefaults);

    /// <summary>The ENGD direction d = (JᵀJ + λI)⁻¹ Jᵀr of residuals r [M] and Jacobian J [M, P], without averaging.</summary>
    public static (Tensor Direction, SolveReport Report) Direction(Tensor residuals, Tensor jacobian, double damping)
    {
        CheckSystem(residuals, jacobian, damping);
        using var scope = torch.NewDisposeScope();
        var (direction, report) = Solve(LeastSquares.Gramian(jacobian), jacobian.t().mv(residuals), damping);
        return (direction.MoveToOuterDisposeScope(), report);
    }

    private protected override void SaveExtraState(OptimizerState state)
    {
        if (_averageGramian is not null) state.Set("average_gramian", _averageGramian);
    }

    private protected override void LoadExtraState(OptimizerState state)
    {
        _averageGramian = state.TensorOrNull("average_gramian")?.DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public override void Reset()
    {
        _averageGramian?.Dispose();
        _averageGramian = null;
        base.Reset();
    }

    /// <summary>
    /// The block-diagonal ENGD direction: for each block b (contiguous (offset, length) ranges covering θ),
    /// d_b = (J_bᵀJ_b + λI)⁻¹ J_bᵀr with J_b the block's columns of J, each solved densely
    /// (<see cref="SymmetricSolve"/>). The report combines the blocks' (worst exit, total residual).
    /// </summary>
    public static (Tensor Direction, SolveReport Report) BlockDirection(
        Tensor residuals, Tensor jacobian, IReadOnlyList<(long Offset, long Length)> blocks, double damping)
    {
        CheckSystem(residuals, jacobian, damping);
        CheckBlocks(blocks, jacobian.shape[1], nameof(blocks));
        using var scope = torch.NewDisposeScope();
        var (direction, report) = BlockSolve(blocks, (offset, length) => LeastSquares.Gramian(jacobian.narrow(1, offset, length)),
            jacobian.t().mv(residuals), damping);
        return (direction.MoveToOuterDisposeScope(), report);
    }

    private protected override (Tensor Direction, SolveReport Report) ComputeDirection(
        IResidualObjective objective, Tensor residuals, Tensor jacobian, Tensor halfGradient, double damping)
    {
        var blocks = Options.BlockDiagonal ? ((IParameterBlocks)objective).ParameterBlocks : null;
        var beta = Options.MovingAverage;
        if (blocks is not null && beta == 0)
        {
            // Only the diagonal blocks J_bᵀJ_b are formed.
            return BlockSolve(blocks, (offset, length) => LeastSquares.Gramian(jacobian.narrow(1, offset, length)), halfGradient, damping);
        }
        if (blocks is null && beta == 0 && damping > 0 && jacobian.shape[0] < jacobian.shape[1])
        {
            // Fewer residuals than parameters: the same direction in kernel form Jᵀ(JJᵀ + λI)⁻¹r, an M×M solve
            // instead of P×P (identical for λ > 0; see EngdWoodbury).
            return EngdWoodbury.Direction(residuals, jacobian, damping);
        }
        var gramian = LeastSquares.Gramian(jacobian);
        if (beta > 0 && SymmetricSolve.AllFinite(gramian))
        {
            if (_averageGramian is null)
            {
                _averageGramian = gramian.detach().clone().DetachFromDisposeScope();
            }
            else
            {
                using (torch.no_grad())
                {
                    _averageGramian.mul_(beta).add_(gramian, 1 - beta);
                }
            }
            gramian = _averageGramian;
        }
        // With blocks and a moving average, the block-diagonal part of the averaged G (equal to the average
        // of the block-diagonal parts).
        return blocks is null
            ? Solve(gramian, halfGradient, damping)
            : BlockSolve(blocks, (offset, length) => gramian.narrow(0, offset, length).narrow(1, offset, length), halfGradient, damping);
    }

    private protected override void ValidateState(IResidualObjective objective, Tensor theta)
    {
        if (Options.BlockDiagonal)
        {
            if (objective is not IParameterBlocks blocked)
            {
                throw new ArgumentException(
                    $"{Name}:blocks=true needs an objective implementing IParameterBlocks (its per-layer parameter blocks); {objective.GetType().Name} does not: implement it or use blocks=false.",
                    nameof(objective));
            }
            CheckBlocks(blocked.ParameterBlocks, theta.shape[0], nameof(objective));
        }
        if (_averageGramian is not null)
        {
            ThetaChecks.ValidateState(_averageGramian, theta);
        }
    }

    private static (Tensor Direction, SolveReport Report) BlockSolve(
        IReadOnlyList<(long Offset, long Length)> blocks, Func<long, long, Tensor> blockGramian, Tensor halfGradient, double damping)
    {
        using var scope = torch.NewDisposeScope();
        var pieces = new Tensor[blocks.Count];
        var reports = new SolveReport[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            var (offset, length) = blocks[i];
            (pieces[i], reports[i]) = Solve(blockGramian(offset, length), halfGradient.narrow(0, offset, length), damping);
        }
        var direction = torch.cat(pieces, 0);
        var failed = reports.FirstOrDefault(r => !r.Succeeded);
        var exit = failed?.Exit ?? (reports.Any(r => r.Exit == SolveExit.RankDeficient) ? SolveExit.RankDeficient : SolveExit.Solved);
        var method = reports.Any(r => r.Method == SolveMethod.EigenPseudoInverse) ? SolveMethod.EigenPseudoInverse : reports[0].Method;
        var residual = Math.Sqrt(reports.Sum(r => r.ResidualNorm * r.ResidualNorm));
        var rhsNorm = VectorMath.Norm(halfGradient);
        var relative = rhsNorm > 0 ? residual / rhsNorm : residual == 0 ? 0 : double.PositiveInfinity;
        var message = failed is not null
            ? $"block {Array.IndexOf(reports, failed) + 1} of {blocks.Count}: {failed.Message}"
            : $"block-diagonal Gramian: {blocks.Count} block solves of sizes {string.Join(", ", blocks.Select(b => b.Length))}";
        var report = new SolveReport(method, exit, 0, residual, relative, reports.Max(r => r.ConditionEstimate), message);
        return (direction.MoveToOuterDisposeScope(), report);
    }

    private static void CheckBlocks(IReadOnlyList<(long Offset, long Length)> blocks, long parameterCount, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(blocks, parameterName);
        long next = 0;
        foreach (var (offset, length) in blocks)
        {
            if (offset != next || length < 1)
            {
                break;
            }
            next += length;
        }
        if (blocks.Count == 0 || next != parameterCount || blocks[^1].Offset + blocks[^1].Length != parameterCount)
        {
            throw new ArgumentException(
                $"the parameter blocks must be contiguous, non-empty (offset, length) ranges covering all {parameterCount} parameters in order; got {string.Join(", ", blocks.Select(b => $"({b.Offset}, {b.Length})"))}.",
                parameterName);
        }
    }

    private static (Tensor Direction, SolveReport Report) Solve(Tensor gramian, Tensor halfGradient, double damping) =>
        SymmetricSolve.Solve(LinearOperator.Dense(gramian).AddIdentity(damping), halfGradient);

    internal static void CheckSystem(Tensor residuals, Tensor jacobian, double damping)
    {
        ThetaChecks.Validate(residuals, nameof(residuals));
        ArgumentNullException.ThrowIfNull(jacobian);
        if (jacobian.dim() != 2 || jacobian.shape[0] != residuals.shape[0] || jacobian.dtype != ScalarType.Float64)
        {
            throw new ArgumentException(
                $"the Jacobian must be a float64 [{residuals.shape[0]}, P] tensor matching the residuals; got {jacobian.dtype} of shape {ThetaChecks.Shape(jacobian)}.",
                nameof(jacobian));
        }
        LinearOperator.CheckOperand(residuals, jacobian.shape[0], jacobian, nameof(residuals));
        Check.NonNegative(damping, nameof(damping));
    }
}
