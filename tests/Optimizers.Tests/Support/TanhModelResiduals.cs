using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>
/// A small nonlinear model r(θ) = A tanh(Bθ) − y with A [M, H], B [H, P] seeded Gaussian (B scaled by
/// 1/√P), y = A tanh(Bθ*) + noise·ξ; J = A diag(1 − tanh²(Bθ)) B. With noise 0 it has a zero-residual
/// solution θ*. <see cref="Start"/> is θ* plus a seeded perturbation of the given size.
/// </summary>
internal sealed class TanhModelResiduals : ResidualObjective, IDisposable
{
    private readonly Tensor _outer;
    private readonly Tensor _inner;
    private readonly Tensor _targets;

    public TanhModelResiduals(int residuals, int hidden, int parameters, int seed, double noise = 0, double perturbation = 0.5)
    {
        var random = new Random(seed);
        using var scope = torch.NewDisposeScope();
        _outer = GaussianTensors.Gaussian(random, residuals, hidden).DetachFromDisposeScope();
        _inner = GaussianTensors.Gaussian(random, hidden, parameters).div_(Math.Sqrt(parameters)).DetachFromDisposeScope();
        Solution = GaussianTensors.Gaussian(random, parameters).DetachFromDisposeScope();
        _targets = _outer.mv(_inner.mv(Solution).tanh()).add_(GaussianTensors.Gaussian(random, residuals), noise).DetachFromDisposeScope();
        Start = Solution.add(GaussianTensors.Gaussian(random, parameters), perturbation).DetachFromDisposeScope();
    }

    /// <summary>θ* (a zero-residual solution when the noise is 0).</summary>
    public Tensor Solution { get; }

    /// <summary>A start near θ* (owned by this object: clone it before optimizing).</summary>
    public Tensor Start { get; }

    public override long ParameterCount => _inner.shape[1];

    public override long ResidualCount => _outer.shape[0];

    protected override Tensor ComputeResiduals(Tensor theta) => _outer.matmul(_inner.matmul(theta).tanh()).sub_(_targets);

    protected override Tensor ComputeJacobian(Tensor theta)
    {
        var activation = _inner.mv(theta).tanh();
        var slope = 1 - activation.square();
        return _outer.mul(slope).matmul(_inner);
    }

    public void Dispose()
    {
        _outer.Dispose();
        _inner.Dispose();
        _targets.Dispose();
        Solution.Dispose();
        Start.Dispose();
    }
}
