using Pinn.Physics;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Solver.Networks;

/// <summary>
/// A fully connected network u(x; θ) whose parameters live in one flat float64 vector θ (weights of
/// each layer row-major, then its bias), so that optimizers, Jacobians and line searches all work on
/// the same vector. Inputs are mapped affinely onto [-1, 1]^d by a fixed (non-trained) scaling, then through
/// an optional fixed embedding (<see cref="FeatureMap"/>); an optional hard constraint
/// (<see cref="OutputTransform"/>) maps the last layer's outputs N to u = A(x) + B(x) ⊙ N.
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
    /// <summary>The fixed input embedding after the scaling, or null (the first layer reads x̂).</summary>
    public FeatureMap? Features { get; }
    /// <summary>The hard constraint applied to the outputs, or null.</summary>
    public OutputTransform? Transform { get; }
    /// <summary>The embeddings this network was built with (empty: none).</summary>
    public IReadOnlyList<InputEmbedding> Embeddings => Features?.Embeddings ?? [];
    /// <summary>Layer widths as built: the first layer's inputs (the embedded width), the hidden widths, the outputs.</summary>
    public int[] Widths => [Layers[0].In, .. Layers.Select(l => l.Out)];

    /// <summary>A network for <paramref name="problem"/>: inputs scaled from its domain, with its embeddings and hard constraint.</summary>
    public static Mlp For(Problem problem, MlpOptions options)
    {
        if (options.Inputs != problem.Domain.Dimension || options.Outputs != problem.Outputs)
            throw new ArgumentException($"the network maps {options.Inputs} → {options.Outputs} but {problem.Name} needs {problem.Domain.Dimension} → {problem.Outputs}");
        var bounds = problem.Domain.Bounds;
        return new Mlp(options, bounds.Lower, bounds.Upper, problem.Embeddings, problem.Transform);
    }

    /// <summary>
    /// Creates and initialises a network. <paramref name="lower"/>/<paramref name="upper"/> give the input box mapped onto [-1, 1]^d
    /// (identity when null); <paramref name="embeddings"/> and <paramref name="transform"/> as in <see cref="Problem"/>.
    /// </summary>
    public Mlp(MlpOptions options, IReadOnlyList<double>? lower = null, IReadOnlyList<double>? upper = null,
        IReadOnlyList<InputEmbedding>? embeddings = null, OutputTransform? transform = null)
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

        Features = FeatureMap.Create(embeddings ?? [], _inverseScale);
        Transform = transform;
        int[] widths = [Features?.Width ?? d, .. options.Hidden, options.Outputs];
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

    /// <summary>u(x; θ) for points x [N, d]: [N, outputs] (with the hard constraint, if any).</summary>
    public Tensor Forward(Tensor theta, Tensor x)
    {
        CheckInputs(theta, x);
        var a = Normalize(x);
        if (Features is not null) a = Features.Apply(a);
        for (int i = 0; i < Layers.Count; i++)
        {
            var (w, b) = Layer(theta, i);
            a = nn.functional.linear(a, w, b);
            if (i + 1 < Layers.Count) a = Options.Activation.Apply(a);
        }
        return Transform is null ? a : Transform.Apply(x, a);
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
        Features?.Dispose();
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
