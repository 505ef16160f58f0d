using Pinn.Physics;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>
/// Derivatives by nested reverse-mode autograd (the general path): any derivative, at the cost of
/// one backward pass per requested first derivative row and per second derivative.
/// </summary>
public sealed class AutogradSource : IDerivativeSource
{
    private readonly Tensor _x;
    private readonly Tensor _u;
    private readonly Dictionary<int, Tensor> _gradients = [];

    /// <summary>Evaluates the network at <paramref name="x"/> with input gradients enabled.</summary>
    public AutogradSource(Mlp net, Tensor theta, Tensor x)
    {
        Count = x.shape[0];
        Inputs = net.Options.Inputs;
        Outputs = net.Options.Outputs;
        _x = x.detach().requires_grad_(true);
        _u = net.Forward(theta, _x);
    }

    /// <inheritdoc />
    public long Count { get; }
    /// <inheritdoc />
    public int Inputs { get; }
    /// <inheritdoc />
    public int Outputs { get; }

    /// <inheritdoc />
    public Tensor Value(int output) => _u.select(1, output);

    /// <inheritdoc />
    public Tensor First(int dim, int output) => Gradient(output).select(1, dim);

    /// <inheritdoc />
    public Tensor Second(double[] coefficients, int output)
    {
        Tensor? sum = null;
        for (int k = 0; k < coefficients.Length; k++)
        {
            if (coefficients[k] == 0) continue;
            var term = Row(Gradient(output).select(1, k)).select(1, k) * coefficients[k];
            sum = sum is null ? term : sum + term;
        }
        return sum ?? zeros(Count, dtype: ScalarType.Float64);
    }

    /// <inheritdoc />
    public Tensor Mixed(int i, int j, int output) => Row(Gradient(output).select(1, i)).select(1, j);

    private Tensor Gradient(int output)
    {
        if (!_gradients.TryGetValue(output, out var g))
            _gradients[output] = g = Row(_u.select(1, output));
        return g;
    }

    private Tensor Row(Tensor values) =>
        autograd.grad([values.sum()], [_x], retain_graph: true, create_graph: true, allow_unused: true)[0]
        ?? zeros_like(_x);
}
