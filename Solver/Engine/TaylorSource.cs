using Pinn.Physics;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>Derivatives from one Taylor-mode pass (the fast path).</summary>
public sealed class TaylorSource : IDerivativeSource
{
    private readonly TaylorResult _result;
    private readonly DerivativeRequest _request;

    /// <summary>Runs the pass for <paramref name="request"/> at points <paramref name="x"/>.</summary>
    public TaylorSource(Mlp net, Tensor theta, Tensor x, DerivativeRequest request)
        : this(net, x, request, TaylorPass.Run(net, theta, x, request)) { }

    /// <summary>Wraps a finished pass (shared or per-point parameters).</summary>
    public TaylorSource(Mlp net, Tensor x, DerivativeRequest request, TaylorResult result)
    {
        _request = request;
        _result = result;
        Count = x.shape[0];
        Inputs = net.Options.Inputs;
        Outputs = net.Options.Outputs;
    }

    /// <inheritdoc />
    public long Count { get; }
    /// <inheritdoc />
    public int Inputs { get; }
    /// <inheritdoc />
    public int Outputs { get; }

    /// <inheritdoc />
    public Tensor Value(int output) => (_result.Value ?? throw Unrequested("the value")).select(1, output);

    /// <inheritdoc />
    public Tensor First(int dim, int output) =>
        (_result.First ?? throw Unrequested("first derivatives")).select(0, dim).select(1, output);

    /// <inheritdoc />
    public Tensor Second(double[] coefficients, int output)
    {
        int i = _request.IndexOfSecond(coefficients);
        if (i < 0 || _result.Second is null) throw Unrequested("this second derivative");
        return _result.Second.select(0, i).select(1, output);
    }

    /// <inheritdoc />
    public Tensor Mixed(int i, int j, int output) => throw Unrequested("mixed derivatives");

    private static InvalidOperationException Unrequested(string what) =>
        new($"the residual asked for {what} only on some calls; residuals must ask for the same derivatives every time");
}
