using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>
/// The chained Rosenbrock function as least squares: r = (10(xᵢ₊₁ − xᵢ²), 1 − xᵢ) for i = 0..n−2, so
/// ‖r‖² = Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², zero residual at (1, …, 1); Jacobian in closed form.
/// Start from <see cref="RosenbrockObjective.Start"/>.
/// </summary>
internal sealed class RosenbrockResiduals(int dimension) : ResidualObjective
{
    public override long ParameterCount => dimension;

    public override long ResidualCount => 2 * (dimension - 1);

    protected override Tensor ComputeResiduals(Tensor theta)
    {
        var head = theta[..^1];
        var tail = theta[1..];
        return torch.stack([10 * (tail - head.square()), 1 - head], 1).reshape(-1);
    }

    protected override Tensor ComputeJacobian(Tensor theta)
    {
        var x = theta.data<double>().ToArray();
        var jacobian = new double[ResidualCount * dimension];
        for (var i = 0; i < dimension - 1; i++)
        {
            jacobian[2 * i * dimension + i] = -20 * x[i];
            jacobian[2 * i * dimension + i + 1] = 10;
            jacobian[(2 * i + 1) * dimension + i] = -1;
        }
        return torch.tensor(jacobian, ScalarType.Float64).reshape(ResidualCount, dimension);
    }
}
