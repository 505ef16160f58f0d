using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>
/// L(θ) = ‖r(θ)‖² from a residual function and its Jacobian: value and gradient 2Jᵀr derived here once,
/// evaluations counted per kind; the exact Hessian of ‖r‖² by double backward through the residual function.
/// </summary>
internal abstract class ResidualObjective : IResidualObjective, ITwiceDifferentiableObjective
{
    public abstract long ParameterCount { get; }

    public abstract long ResidualCount { get; }

    public long Revision { get; set; }

    /// <summary>Calls of <see cref="Residuals"/> and <see cref="Value"/>.</summary>
    public int ResidualEvaluations { get; private set; }

    /// <summary>Calls of <see cref="ResidualsAndJacobian"/> and <see cref="ValueAndGradient"/>.</summary>
    public int JacobianEvaluations { get; private set; }

    /// <summary>r(θ); runs inside the caller's dispose scope.</summary>
    protected abstract Tensor ComputeResiduals(Tensor theta);

    /// <summary>J(θ) = ∂r/∂θ; runs inside the caller's dispose scope.</summary>
    protected abstract Tensor ComputeJacobian(Tensor theta);

    public Tensor Residuals(Tensor theta)
    {
        ResidualEvaluations++;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return ComputeResiduals(theta).detach().MoveToOuterDisposeScope();
    }

    public (Tensor Residuals, Tensor Jacobian) ResidualsAndJacobian(Tensor theta)
    {
        JacobianEvaluations++;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return (ComputeResiduals(theta).detach().MoveToOuterDisposeScope(), ComputeJacobian(theta).detach().MoveToOuterDisposeScope());
    }

    public double Value(Tensor theta)
    {
        using var residuals = Residuals(theta);
        using var scope = torch.NewDisposeScope();
        return residuals.dot(residuals).item<double>();
    }

    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta)
    {
        JacobianEvaluations++;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var residuals = ComputeResiduals(theta);
        var gradient = ComputeJacobian(theta).t().mv(residuals).mul_(2);
        return (residuals.dot(residuals).item<double>(), gradient.detach().MoveToOuterDisposeScope());
    }

    /// <summary>The exact Hessian of ‖r(θ)‖² (counted as a Jacobian evaluation).</summary>
    public SecondOrderExpansion Expand(Tensor theta)
    {
        JacobianEvaluations++;
        return SecondOrderExpansion.Autograd(theta, x =>
        {
            var residuals = ComputeResiduals(x);
            return residuals.dot(residuals);
        });
    }

    /// <summary>J by reverse-mode autograd, one row at a time (slow; for checking closed forms).</summary>
    public Tensor AutogradJacobian(Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        using var enableGrad = torch.enable_grad();
        var x = theta.detach().clone().requires_grad_(true);
        var residuals = ComputeResiduals(x);
        var rows = new List<Tensor>();
        for (var i = 0; i < residuals.shape[0]; i++)
        {
            rows.Add(torch.autograd.grad([residuals[i]], [x], retain_graph: true)[0].detach());
        }
        return torch.stack(rows).MoveToOuterDisposeScope();
    }
}
