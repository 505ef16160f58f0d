using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// The network's solution u at a set of points, with its derivatives, as a residual sees it. Each
/// accessor returns a [N] tensor; results are memoised for the evaluation, so asking twice is free.
/// The engine behind it decides whether derivatives come from the Taylor-mode pass or from autograd.
/// </summary>
public sealed class Field
{
    private readonly IDerivativeSource _source;
    private readonly Dictionary<string, Tensor> _memo = [];
    private readonly IReadOnlyList<int> _spatial;

    /// <summary>A field over a derivative source; <paramref name="timeIndex"/> names the time input, if any.</summary>
    public Field(IDerivativeSource source, int? timeIndex = null)
    {
        _source = source;
        TimeIndex = timeIndex;
        _spatial = Enumerable.Range(0, source.Inputs).Where(k => k != timeIndex).ToArray();
    }

    /// <summary>Index of the time input, if the problem is time-dependent.</summary>
    public int? TimeIndex { get; }
    /// <summary>Number of points.</summary>
    public long Count => _source.Count;
    /// <summary>Number of outputs (components of u).</summary>
    public int Outputs => _source.Outputs;

    /// <summary>u (the first output).</summary>
    public Tensor Value => Output(0);

    /// <summary>Output component <paramref name="output"/>.</summary>
    public Tensor Output(int output) => Memo($"u{Check(output)}", () => _source.Value(output));

    /// <summary>∂u/∂x_<paramref name="dim"/>.</summary>
    public Tensor D(int dim, int output = 0) =>
        Memo($"d{CheckDim(dim)},{Check(output)}", () => _source.First(dim, output));

    /// <summary>∂u/∂t.</summary>
    public Tensor Dt(int output = 0) =>
        D(TimeIndex ?? throw new InvalidOperationException("this problem has no time coordinate"), output);

    /// <summary>∂²u/∂x_<paramref name="dim"/>².</summary>
    public Tensor D2(int dim, int output = 0)
    {
        var c = new double[_source.Inputs];
        c[CheckDim(dim)] = 1;
        return Second(c, output);
    }

    /// <summary>∂²u/∂xᵢ∂xⱼ (equals <see cref="D2"/> when i = j); mixed derivatives use nested autograd.</summary>
    public Tensor Mixed(int i, int j, int output = 0) =>
        CheckDim(i) == CheckDim(j) ? D2(i, output)
            : Memo($"m{Math.Min(i, j)},{Math.Max(i, j)},{Check(output)}", () => _source.Mixed(i, j, output));

    /// <summary>The Laplacian over the spatial coordinates (time excluded).</summary>
    public Tensor Laplacian(int output = 0)
    {
        var c = new double[_source.Inputs];
        foreach (var k in _spatial) c[k] = 1;
        return Second(c, output);
    }

    /// <summary>Σₖ cₖ ∂²u/∂xₖ² for a coefficient per input.</summary>
    public Tensor Second(double[] coefficients, int output = 0)
    {
        if (coefficients.Length != _source.Inputs)
            throw new ArgumentException($"need one coefficient per input ({_source.Inputs}), got {coefficients.Length}");
        return Memo($"s[{string.Join(',', coefficients)}],{Check(output)}", () => _source.Second(coefficients, output));
    }

    private Tensor Memo(string key, Func<Tensor> make)
    {
        if (!_memo.TryGetValue(key, out var t)) _memo[key] = t = make();
        return t;
    }

    private int Check(int output) => output >= 0 && output < _source.Outputs ? output
        : throw new ArgumentOutOfRangeException(nameof(output), $"output {output} does not exist (the network has {_source.Outputs})");

    private int CheckDim(int dim) => dim >= 0 && dim < _source.Inputs ? dim
        : throw new ArgumentOutOfRangeException(nameof(dim), $"input {dim} does not exist (there are {_source.Inputs})");
}
