using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Energy natural gradient in kernel (Woodbury) form: d = Jᵀ(JJᵀ + λI)⁻¹ r, equal to (JᵀJ + λI)⁻¹Jᵀr for
/// λ &gt; 0 (and to the minimum-norm J⁺r for λ = 0), but solving an M×M system instead of a P×P one: the
/// form to use when there are fewer residuals M than parameters P.
/// </summary>
/// <remarks>
/// The push-through identity (JᵀJ + λI)⁻¹Jᵀ = Jᵀ(JJᵀ + λI)⁻¹ (Woodbury; N. J. Higham, <i>Accuracy and
/// Stability of Numerical Algorithms</i>, 2nd ed., 2002, §13.1) applied to the ENGD direction of
/// J. Müller and M. Zeinhofer, ICML 2023, eq. (9). There is no P×P Gramian, so no moving average
/// (<see cref="GramianOptions.MovingAverage"/> must be 0). With M ≥ P and a nonzero residual, the part of r
/// outside the range of J is scaled by 1/λ before Jᵀ removes it, so round-off (≈ ε‖J‖‖r‖/λ) limits the
/// accuracy of d: use <see cref="Engd"/> there. Step logic, failure handling and stops:
/// <see cref="GramianOptimizer"/>.
/// </remarks>
public sealed class EngdWoodbury : GramianOptimizer
{
    /// <summary>Creates the kernel-form ENGD with the given (or default) options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A moving average or block-diagonal mode was requested, or another option is invalid.</exception>
    public EngdWoodbury(GramianOptions? options = null)
        : base("engd-woodbury", CheckNoAverage(options ?? new GramianOptions()))
    {
    }

    /// <summary>The kernel-form direction d = Jᵀ(JJᵀ + λI)⁻¹ r of residuals r [M] and Jacobian J [M, P];
    /// the report is that of the M×M solve.</summary>
    public static (Tensor Direction, SolveReport Report) Direction(Tensor residuals, Tensor jacobian, double damping)
    {
        Engd.CheckSystem(residuals, jacobian, damping);
        using var scope = torch.NewDisposeScope();
        var (weights, report) = SymmetricSolve.Solve(LinearOperator.Dense(LeastSquares.Kernel(jacobian)).AddIdentity(damping), residuals);
        return (jacobian.t().mv(weights).MoveToOuterDisposeScope(), report);
    }

    private protected override (Tensor Direction, SolveReport Report) ComputeDirection(
        IResidualObjective objective, Tensor residuals, Tensor jacobian, Tensor halfGradient, double damping) => Direction(residuals, jacobian, damping);

    private static GramianOptions CheckNoAverage(GramianOptions options)
    {
        if (options.MovingAverage != 0 || options.BlockDiagonal)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MovingAverage,
                "engd-woodbury has no P×P Gramian to average or split into blocks; use engd for a moving average or blocks (MovingAverage must be 0, BlockDiagonal false).");
        }
        return options;
    }
}
