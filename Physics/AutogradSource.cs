using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// Derivatives of any differentiable function u(x) by nested reverse-mode autograd (the general
/// path): any derivative, at the cost of one backward pass per first-derivative set and per second
/// derivative. Used for networks the Taylor pass cannot serve and for exact solutions in tests.
/// </summary>
public sealed class AutogradSource : IDerivativeSource
{
    private readonly Tensor _x;
    private readonly Tensor _u;
    private readonly Dictionary<int, Tensor> _gradients = [];

    /// <summary>Evaluates <paramref name="function"/> (points [N, d] → [N] or [N, outputs]) at <paramref name="x"/> with input gradients enabled.</summary>
    public AutogradSource(Func<Tensor, Tensor> function, Tensor x)
    {
        if (x.dtype != ScalarType.Float64 || x.dim() != 2)
            throw new ArgumentException($"points must be a float64 [N, d] tensor (got {x.dtype} [{string.Join(", ", x.shape)}])");
        Count = x.shape[0];
        Inputs = (int)x.shape[1];
        _x = x.detach().requires_grad_(true);
        var u = function(_x);
        _u = u.dim() == 1 ? u.unsqueeze(1) : u;
        if (_u.dim() != 2 || _u.shape[0] != Count)
            throw new ArgumentException($"the function must return [N] or [N, outputs] values for N = {Count} points (got [{string.Join(", ", u.shape)}])");
        Outputs = (int)_u.shape[1];
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

    /// <summary>∂(Σ values)/∂x; zero when the values do not depend on x (a constant, or the derivative of a linear
    /// function), which libtorch would otherwise abort the process over.</summary>
    private Tensor Row(Tensor values) =>
        !values.requires_grad ? zeros_like(_x)
            : autograd.grad([values.sum()], [_x], retain_graph: true, create_graph: true, allow_unused: true)[0] is { } g && !g.IsInvalid
                ? g : zeros_like(_x);
}
