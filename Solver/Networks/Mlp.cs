using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Solver.Networks;

/// <summary>
/// A fully connected network u(x; θ) whose parameters live in one flat float64 vector θ (weights of
/// each layer row-major, then its bias), so that optimizers, Jacobians and line searches all work on
/// the same vector. Inputs are mapped affinely onto [-1, 1]^d by a fixed (non-trained) scaling.
/// </summary>
public sealed class Mlp : IDisposable
{
    private readonly double[] _center;
    private readonly double[] _inverseScale;
    private readonly Tensor _centerTensor;
    private readonly Tensor _inverseScaleTensor;

    /// <summary>The architecture.</summary>
    public MlpOptions Options { get; }
    /// <summary>Current parameters θ, shape [P], float64; updated in place by optimizers.</summary>
    public Tensor Parameters { get; }
    /// <summary>P.</summary>
    public long ParameterCount => Parameters.shape[0];
    /// <summary>Where each layer's weight and bias sit in θ.</summary>
    public IReadOnlyList<LayerSlice> Layers { get; }
    /// <summary>Input centre c of the scaling x̂ = (x − c)·s⁻¹.</summary>
    public IReadOnlyList<double> InputCenter => _center;
    /// <summary>Input inverse scale s⁻¹.</summary>
    public IReadOnlyList<double> InputInverseScale => _inverseScale;

    /// <summary>Creates and initialises a network. <paramref name="lower"/>/<paramref name="upper"/> give the input box mapped onto [-1, 1]^d (identity when null).</summary>
    public Mlp(MlpOptions options, IReadOnlyList<double>? lower = null, IReadOnlyList<double>? upper = null)
    {
        Options = options.Validate();
        int d = options.Inputs;
        _center = new double[d];
        _inverseScale = Enumerable.Repeat(1.0, d).ToArray();
        if (lower is not null && upper is not null)
        {
            if (lower.Count != d || upper.Count != d) throw new ArgumentException($"the input box needs {d} sides");
            for (int k = 0; k < d; k++)
            {
                _center[k] = 0.5 * (lower[k] + upper[k]);
                _inverseScale[k] = 2.0 / (upper[k] - lower[k]);
            }
        }
        _centerTensor = tensor(_center, dtype: ScalarType.Float64).DetachFromDisposeScope();
        _inverseScaleTensor = tensor(_inverseScale, dtype: ScalarType.Float64).DetachFromDisposeScope();

        var widths = options.Widths;
        var layers = new List<LayerSlice>();
        long offset = 0;
        for (int i = 0; i + 1 < widths.Length; i++)
        {
            var slice = new LayerSlice(offset, widths[i + 1], widths[i]);
            layers.Add(slice);
            offset = slice.End;
        }
        Layers = layers;
        Parameters = Initialize(options, layers, offset).DetachFromDisposeScope();
    }

    private static Tensor Initialize(MlpOptions o, IReadOnlyList<LayerSlice> layers, long count)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)o.Seed);
        var theta = zeros(count, dtype: ScalarType.Float64);
        foreach (var l in layers)
        {
            double fanSum = l.In + l.Out;
            var w = o.Initialization switch
            {
                Initialization.GlorotNormal => randn(l.Out, l.In, dtype: ScalarType.Float64, generator: generator) * Math.Sqrt(2.0 / fanSum),
                Initialization.GlorotUniform => (rand(l.Out, l.In, dtype: ScalarType.Float64, generator: generator) * 2 - 1) * Math.Sqrt(6.0 / fanSum),
                _ => randn(l.Out, l.In, dtype: ScalarType.Float64, generator: generator) * o.InitScale,
            };
            theta[TensorIndex.Slice(l.WeightOffset, l.WeightOffset + l.Out * l.In)] = w.reshape(-1);
            if (o.Initialization == Initialization.Normal)
                theta[TensorIndex.Slice(l.BiasOffset, l.End)] = randn(l.Out, dtype: ScalarType.Float64, generator: generator) * o.InitScale;
        }
        return theta.MoveToOuterDisposeScope();
    }

    /// <summary>Weight [out, in] and bias [out] of layer <paramref name="i"/> as views of θ.</summary>
    public (Tensor Weight, Tensor Bias) Layer(Tensor theta, int i)
    {
        var l = Layers[i];
        return (theta.narrow(0, l.WeightOffset, l.Out * l.In).view(l.Out, l.In), theta.narrow(0, l.BiasOffset, l.Out));
    }

    /// <summary>x̂ = (x − c)·s⁻¹.</summary>
    public Tensor Normalize(Tensor x) => (x - _centerTensor) * _inverseScaleTensor;

    /// <summary>s⁻¹ as a tensor [d].</summary>
    internal Tensor InverseScaleTensor => _inverseScaleTensor;

    /// <summary>u(x; θ) for points x [N, d]: [N, outputs].</summary>
    public Tensor Forward(Tensor theta, Tensor x)
    {
        CheckInputs(theta, x);
        var a = Normalize(x);
        for (int i = 0; i < Layers.Count; i++)
        {
            var (w, b) = Layer(theta, i);
            a = nn.functional.linear(a, w, b);
            if (i + 1 < Layers.Count) a = Options.Activation.Apply(a);
        }
        return a;
    }

    /// <summary>u(x) at the current parameters, without gradients.</summary>
    public Tensor Predict(Tensor x)
    {
        using var _ = no_grad();
        return Forward(Parameters, x);
    }

    /// <summary>Checks θ and x before a pass (a mismatch inside matmul would abort the process).</summary>
    public void CheckInputs(Tensor theta, Tensor x)
    {
        if (theta.dtype != ScalarType.Float64 || theta.dim() != 1 || theta.shape[0] != ParameterCount)
            throw new ArgumentException($"θ must be a float64 vector of {ParameterCount} parameters (got {theta.dtype} {string.Join('x', theta.shape)})");
        if (x.dtype != ScalarType.Float64 || x.dim() != 2 || x.shape[1] != Options.Inputs)
            throw new ArgumentException($"points must be a float64 [N, {Options.Inputs}] tensor (got {x.dtype} [{string.Join(", ", x.shape)}])");
    }

    /// <summary>Copies θ into the network's parameters.</summary>
    public void Load(Tensor theta)
    {
        using var _ = no_grad();
        Parameters.copy_(theta);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Parameters.Dispose();
        _centerTensor.Dispose();
        _inverseScaleTensor.Dispose();
    }
}

/// <summary>Position of one layer's parameters in θ: weight [Out, In] row-major at WeightOffset, then bias [Out].</summary>
public sealed record LayerSlice(long WeightOffset, int Out, int In)
{
    /// <summary>Offset of the bias.</summary>
    public long BiasOffset => WeightOffset + (long)Out * In;
    /// <summary>One past the layer's last parameter.</summary>
    public long End => BiasOffset + Out;
}
