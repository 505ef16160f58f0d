using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>
/// A two-layer linear least-squares fit L(θ) = ½ mean_i ‖W₂(W₁ xᵢ + b₁) + b₂ − yᵢ‖² with θ = (W₁ [h, d]
/// row-major, b₁ [h], W₂ [o, h], b₂ [o]) and badly scaled inputs (feature scales log-spaced over 10^1.5),
/// rotated by a random orthogonal matrix (so the ill-conditioning is not along the coordinate axes, where
/// Adam's diagonal scaling would already fix it) and the layer matrices need preconditioning. Declares its <see cref="ParameterShapes"/>. Gradients by autograd.
/// </summary>
internal sealed class MatrixRegression : IObjective, IParameterShapes, IDisposable
{
    private readonly Tensor _inputs;
    private readonly Tensor _targets;
    private readonly int _d, _h, _o;

    public MatrixRegression(int inputs = 6, int hidden = 5, int outputs = 3, int samples = 40, int seed = 1)
    {
        (_d, _h, _o) = (inputs, hidden, outputs);
        var random = new Random(seed);
        using var scope = torch.NewDisposeScope();
        var scales = torch.tensor(Enumerable.Range(0, inputs).Select(i => Math.Pow(10, 1.5 * i / Math.Max(1, inputs - 1) - 0.5)).ToArray(), ScalarType.Float64);
        _inputs = GaussianTensors.Gaussian(random, samples, inputs).mul(scales).matmul(GaussianTensors.Orthogonal(random, inputs)).DetachFromDisposeScope();
        var truth = GaussianTensors.Gaussian(random, outputs, inputs);
        _targets = _inputs.matmul(truth.t()).add(GaussianTensors.Gaussian(random, outputs)).DetachFromDisposeScope();
        ParameterShapes =
        [
            ParameterShape.Matrix(0, hidden, inputs),
            ParameterShape.Vector(hidden * inputs, hidden),
            ParameterShape.Matrix(hidden * inputs + hidden, outputs, hidden),
            ParameterShape.Vector(hidden * inputs + hidden + outputs * hidden, outputs),
        ];
        Start = (GaussianTensors.Gaussian(random, ParameterShapes[^1].End) * 0.3).DetachFromDisposeScope();
    }

    public IReadOnlyList<ParameterShape> ParameterShapes { get; }

    /// <summary>A seeded starting point.</summary>
    public Tensor Start { get; }

    public long ParameterCount => ParameterShapes[^1].End;

    public double Value(Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return Loss(theta).item<double>();
    }

    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        using var enableGrad = torch.enable_grad();
        var x = theta.detach().clone().requires_grad_(true);
        var loss = Loss(x);
        var gradient = torch.autograd.grad([loss], [x])[0];
        return (loss.item<double>(), gradient.detach().MoveToOuterDisposeScope());
    }

    private Tensor Loss(Tensor theta)
    {
        var w1 = theta.narrow(0, 0, _h * _d).view(_h, _d);
        var b1 = theta.narrow(0, _h * _d, _h);
        var w2 = theta.narrow(0, _h * _d + _h, _o * _h).view(_o, _h);
        var b2 = theta.narrow(0, _h * _d + _h + _o * _h, _o);
        var prediction = nn.functional.linear(nn.functional.linear(_inputs, w1, b1), w2, b2);
        return prediction.sub(_targets).square().sum(1).mean().mul(0.5);
    }

    public void Dispose()
    {
        _inputs.Dispose();
        _targets.Dispose();
        Start.Dispose();
    }
}
