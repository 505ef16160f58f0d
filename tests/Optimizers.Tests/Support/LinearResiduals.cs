using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>
/// r(θ) = Aθ − b, J = A: a model linear in its parameters. A is seeded Gaussian [M, P] (optionally with the
/// last columns duplicating the first ones, so J is rank deficient); b = Aθ* + noise·ξ.
/// </summary>
internal sealed class LinearResiduals : ResidualObjective, IDisposable
{
    private readonly Tensor _matrix;
    private readonly Tensor _rhs;

    public LinearResiduals(int rows, int columns, int seed, double noise = 0, int duplicatedColumns = 0)
    {
        var random = new Random(seed);
        using var scope = torch.NewDisposeScope();
        var matrix = GaussianTensors.Gaussian(random, rows, columns);
        for (var j = 0; j < duplicatedColumns; j++)
        {
            matrix[.., columns - 1 - j] = matrix[.., j];
        }
        var exact = GaussianTensors.Gaussian(random, columns);
        _matrix = matrix.DetachFromDisposeScope();
        _rhs = matrix.mv(exact).add_(GaussianTensors.Gaussian(random, rows), noise).DetachFromDisposeScope();
        Solution = torch.linalg.pinv(_matrix).mv(_rhs).DetachFromDisposeScope();
        MinimumLoss = Value(Solution);
    }

    public Tensor Matrix => _matrix;

    /// <summary>The minimum-norm least-squares solution A⁺b.</summary>
    public Tensor Solution { get; }

    /// <summary>‖A A⁺b − b‖².</summary>
    public double MinimumLoss { get; }

    public override long ParameterCount => _matrix.shape[1];

    public override long ResidualCount => _matrix.shape[0];

    protected override Tensor ComputeResiduals(Tensor theta) => _matrix.mv(theta).sub_(_rhs);

    protected override Tensor ComputeJacobian(Tensor theta) => _matrix.clone();

    public void Dispose()
    {
        _matrix.Dispose();
        _rhs.Dispose();
        Solution.Dispose();
    }
}
