using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>
/// The chained Rosenbrock function f(x) = Σᵢ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², minimum 0 at (1, …, 1);
/// gradients by reverse-mode autograd, the way a network objective computes them.
/// </summary>
internal sealed class RosenbrockObjective(int dimension) : ITwiceDifferentiableObjective
{
    public long ParameterCount => dimension;

    public int Evaluations { get; private set; }

    public double Value(Tensor theta)
    {
        Evaluations++;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return Loss(theta).item<double>();
    }

    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta)
    {
        Evaluations++;
        using var scope = torch.NewDisposeScope();
        using var enableGrad = torch.enable_grad();
        var x = theta.detach().clone().requires_grad_(true);
        var loss = Loss(x);
        var gradient = torch.autograd.grad([loss], [x])[0];
        return (loss.item<double>(), gradient.detach().MoveToOuterDisposeScope());
    }

    /// <summary>The exact Hessian by double backward.</summary>
    public SecondOrderExpansion Expand(Tensor theta)
    {
        Evaluations++;
        return SecondOrderExpansion.Autograd(theta, Loss);
    }

    public static Tensor Start(int dimension)
    {
        // (−1.2, 1) in 2-D; a fixed, non-trivial point in higher dimensions.
        var values = dimension == 2 ? new[] { -1.2, 1.0 } : Enumerable.Range(0, dimension).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
        return torch.tensor(values, ScalarType.Float64);
    }

    private static Tensor Loss(Tensor x)
    {
        var head = x[..^1];
        var tail = x[1..];
        return (100 * (tail - head.square()).square() + (1 - head).square()).sum();
    }
}
