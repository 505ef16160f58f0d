namespace Pinn.Physics;

/// <summary>
/// Which derivatives of the network output a residual term needs at its points: first derivatives,
/// weighted sums of pure second derivatives Σₖ cₖ ∂²u/∂xₖ² (a Laplacian, a single u_xx), and mixed
/// second derivatives. The first two kinds are what the Taylor-mode forward pass propagates; mixed
/// ones need nested autograd.
/// </summary>
public sealed class DerivativeRequest
{
    private readonly List<double[]> _second = [];
    private readonly HashSet<(int, int)> _mixed = [];

    /// <summary>Whether any first derivative is needed (by the residual, or inside a second-order channel).</summary>
    public bool NeedsFirst { get; private set; }

    /// <summary>Whether the residual reads the value u itself.</summary>
    public bool OutputsValue { get; private set; }

    /// <summary>Whether the residual reads first derivatives of u (not only second-order channels).</summary>
    public bool OutputsFirst { get; private set; }

    /// <summary>Records that the value is read.</summary>
    public void AddValue() => OutputsValue = true;

    /// <summary>The distinct coefficient vectors c of Σₖ cₖ ∂²/∂xₖ² needed.</summary>
    public IReadOnlyList<double[]> SecondOrder => _second;

    /// <summary>Mixed second derivatives (i &lt; j) needed.</summary>
    public IReadOnlyCollection<(int I, int J)> Mixed => _mixed;

    /// <summary>True when the Taylor-mode pass can supply everything.</summary>
    public bool TaylorCompatible => _mixed.Count == 0;

    /// <summary>Records a first derivative.</summary>
    public void AddFirst() => NeedsFirst = OutputsFirst = true;

    /// <summary>Records a weighted pure second derivative; returns its channel index.</summary>
    public int AddSecond(double[] coefficients)
    {
        NeedsFirst = true;
        int i = IndexOfSecond(coefficients);
        if (i >= 0) return i;
        _second.Add((double[])coefficients.Clone());
        return _second.Count - 1;
    }

    /// <summary>Records a mixed derivative ∂²/∂xᵢ∂xⱼ.</summary>
    public void AddMixed(int i, int j)
    {
        NeedsFirst = true;
        _mixed.Add(i < j ? (i, j) : (j, i));
    }

    /// <summary>Channel index of a coefficient vector, or -1.</summary>
    public int IndexOfSecond(double[] coefficients) =>
        _second.FindIndex(c => c.AsSpan().SequenceEqual(coefficients));
}
