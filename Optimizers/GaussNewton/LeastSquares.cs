using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Pieces shared by the least-squares optimizers (<see cref="Engd"/>, <see cref="EngdWoodbury"/>,
/// <see cref="LevenbergMarquardt"/>) for L(θ) = ‖r(θ)‖² with Jacobian J: the Gauss–Newton matrix JᵀJ,
/// and checked access to an <see cref="IResidualObjective"/>.
/// </summary>
public static class LeastSquares
{
    /// <summary>The Gauss–Newton matrix G = JᵀJ of a Jacobian J [M, P]: a fresh [P, P] tensor, symmetric
    /// to the last bit (½(JᵀJ + (JᵀJ)ᵀ)), positive semi-definite up to round-off.</summary>
    /// <remarks>For L = ‖r‖², ∇L = 2Jᵀr and ∇²L = 2JᵀJ + 2Σᵢ rᵢ∇²rᵢ ≈ 2G (Nocedal and Wright 2006, eq. 10.5).</remarks>
    public static Tensor Gramian(Tensor jacobian)
    {
        CheckJacobian(jacobian);
        using var scope = torch.NewDisposeScope();
        long p = jacobian.shape[1];
        if (p < 128)
        {
            var small = jacobian.t().matmul(jacobian);
            return small.add(small.t()).mul_(0.5).MoveToOuterDisposeScope();
        }
        // Only the blocks on and above the diagonal are multiplied (10 of 16 for 4 column blocks, so
        // 5/8 of the flops of a full JᵀJ); the ones below are their transposes, which also makes G
        // symmetric to the last bit.
        const int blocks = 4;
        long width = (p + blocks - 1) / blocks;
        var gramian = torch.empty(p, p, dtype: jacobian.dtype, device: jacobian.device);
        for (long i = 0; i < p; i += width)
        {
            long wi = Math.Min(width, p - i);
            var left = jacobian.narrow(1, i, wi);
            var diagonal = left.t().matmul(left);
            gramian.narrow(0, i, wi).narrow(1, i, wi).copy_(diagonal.add(diagonal.t()).mul_(0.5));
            for (long j = i + wi; j < p; j += width)
            {
                long wj = Math.Min(width, p - j);
                var block = left.t().matmul(jacobian.narrow(1, j, wj));
                gramian.narrow(0, i, wi).narrow(1, j, wj).copy_(block);
                gramian.narrow(0, j, wj).narrow(1, i, wi).copy_(block.t());
            }
        }
        return gramian.MoveToOuterDisposeScope();
    }

    /// <summary>The kernel matrix K = JJᵀ [M, M] of the Woodbury form, symmetric to the last bit.</summary>
    public static Tensor Kernel(Tensor jacobian)
    {
        CheckJacobian(jacobian);
        using var scope = torch.NewDisposeScope();
        var kernel = jacobian.matmul(jacobian.t());
        return kernel.add(kernel.t()).mul_(0.5).MoveToOuterDisposeScope();
    }

    /// <summary>The objective as an <see cref="IResidualObjective"/>, or a one-line ArgumentException naming the optimizer.</summary>
    internal static IResidualObjective Require(IObjective objective, string optimizerName)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return objective as IResidualObjective ?? throw new ArgumentException(
            $"{optimizerName} needs a least-squares residual objective; {objective.GetType().Name} implements only IObjective " +
            "(give it residuals r(θ) and their Jacobian through IResidualObjective, or use adam, sgd or lbfgs).",
            nameof(objective));
    }

    /// <summary>r(θ) and J(θ), checked: r float64 [M] with M = ResidualCount ≥ 1, J float64 [M, P], both on θ's device.</summary>
    internal static (Tensor Residuals, Tensor Jacobian) Evaluate(IResidualObjective objective, Tensor theta)
    {
        var (residuals, jacobian) = objective.ResidualsAndJacobian(theta);
        CheckResiduals(objective, theta, residuals);
        ArgumentNullException.ThrowIfNull(jacobian, "the objective's Jacobian");
        if (jacobian.dim() != 2 || jacobian.shape[0] != residuals.shape[0] || jacobian.shape[1] != theta.shape[0]
            || jacobian.dtype != ScalarType.Float64)
        {
            throw new ArgumentException(
                $"the objective's Jacobian must be a float64 [{residuals.shape[0]}, {theta.shape[0]}] tensor (residuals × parameters); " +
                $"got {jacobian.dtype} of shape {ThetaChecks.Shape(jacobian)}.", nameof(objective));
        }
        if (jacobian.device_type != theta.device_type || jacobian.device_index != theta.device_index)
        {
            throw new ArgumentException($"the objective's Jacobian is on {jacobian.device} but θ is on {theta.device}.", nameof(objective));
        }
        return (residuals, jacobian);
    }

    /// <summary>r(θ), checked like those of <see cref="Evaluate"/>.</summary>
    internal static Tensor Residuals(IResidualObjective objective, Tensor theta)
    {
        var residuals = objective.Residuals(theta);
        CheckResiduals(objective, theta, residuals);
        return residuals;
    }

    /// <summary>‖r(θ)‖², from checked residuals; NaN or ∞ are passed through.</summary>
    internal static double Loss(IResidualObjective objective, Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        return SquaredNorm(Residuals(objective, theta));
    }

    /// <summary>‖v‖² as a double.</summary>
    internal static double SquaredNorm(Tensor vector)
    {
        using var scope = torch.NewDisposeScope();
        return vector.dot(vector).item<double>();
    }

    private static void CheckResiduals(IResidualObjective objective, Tensor theta, Tensor residuals)
    {
        ArgumentNullException.ThrowIfNull(residuals, "the objective's residuals");
        if (residuals.dim() != 1 || residuals.shape[0] < 1 || residuals.shape[0] != objective.ResidualCount
            || residuals.dtype != ScalarType.Float64)
        {
            throw new ArgumentException(
                $"the objective's residuals must be a float64 tensor of shape [{objective.ResidualCount}] (ResidualCount); " +
                $"got {residuals.dtype} of shape {ThetaChecks.Shape(residuals)}.", nameof(objective));
        }
        if (residuals.device_type != theta.device_type || residuals.device_index != theta.device_index)
        {
            throw new ArgumentException($"the objective's residuals are on {residuals.device} but θ is on {theta.device}.", nameof(objective));
        }
    }

    private static void CheckJacobian(Tensor jacobian)
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        if (jacobian.dim() != 2 || jacobian.dtype != ScalarType.Float64)
        {
            throw new ArgumentException(
                $"the Jacobian must be a 2-D float64 tensor [M, P]; got {jacobian.dtype} of shape {ThetaChecks.Shape(jacobian)}.",
                nameof(jacobian));
        }
    }
}
