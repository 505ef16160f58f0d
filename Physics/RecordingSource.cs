using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// A derivative source that returns zeros and records what was asked: running a residual once on it
/// tells the engine which derivatives the term needs before the real pass.
/// </summary>
public sealed class RecordingSource(long count, int inputs, int outputs) : IDerivativeSource
{
    /// <summary>What the residual asked for.</summary>
    public DerivativeRequest Request { get; } = new();
    /// <inheritdoc />
    public long Count => count;
    /// <inheritdoc />
    public int Inputs => inputs;
    /// <inheritdoc />
    public int Outputs => outputs;
    /// <inheritdoc />
    public Tensor Value(int output) { Request.AddValue(); return Zeros(); }
    /// <inheritdoc />
    public Tensor First(int dim, int output) { Request.AddFirst(); return Zeros(); }
    /// <inheritdoc />
    public Tensor Second(double[] coefficients, int output) { Request.AddSecond(coefficients); return Zeros(); }
    /// <inheritdoc />
    public Tensor Mixed(int i, int j, int output) { Request.AddMixed(i, j); return Zeros(); }

    private Tensor Zeros() => zeros(count, dtype: ScalarType.Float64);
}
