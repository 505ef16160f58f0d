using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// A truncated Taylor jet of pointwise quantities along one variable y: the tensors f, f', …, f⁽ᴷ⁾ (each [N],
/// float64) at N points, with the arithmetic that keeps derivatives exact (Leibniz's rule for products,
/// Faà di Bruno's formula for compositions), up to order 3.
/// </summary>
/// <remarks>
/// Univariate Taylor mode (A. Griewank and A. Walther, <i>Evaluating Derivatives</i>, 2nd ed., SIAM 2008,
/// ch. 13): every operation is elementwise, so each component stays differentiable by autograd in the
/// parameters and in λ, which is how <see cref="ProfileLinearization"/> gets exact Jacobian rows.
/// </remarks>
public sealed class Jet
{
    /// <summary>Highest order supported.</summary>
    public const int MaxOrder = 3;

    private readonly Tensor[] _terms;

    /// <summary>Wraps f, f', … (order = count − 1 ≤ 3).</summary>
    public Jet(params Tensor[] terms)
    {
        if (terms.Length is < 1 or > MaxOrder + 1) throw new ArgumentException($"a jet holds 1..{MaxOrder + 1} terms");
        _terms = terms;
    }

    /// <summary>The highest derivative held.</summary>
    public int Order => _terms.Length - 1;

    /// <summary>The k-th derivative.</summary>
    public Tensor this[int k] => _terms[k];

    /// <summary>The jet of the identity y ↦ y: (y, 1, 0, …).</summary>
    public static Jet Variable(Tensor y, int order)
    {
        var terms = new Tensor[order + 1];
        terms[0] = y;
        for (int k = 1; k <= order; k++) terms[k] = k == 1 ? ones_like(y) : zeros_like(y);
        return new Jet(terms);
    }

    /// <summary>The derivative jet (f', f'', …), one order lower.</summary>
    public Jet Derivative() => new(_terms[1..]);

    /// <summary>The jet truncated to <paramref name="order"/>.</summary>
    public Jet Truncate(int order) => order >= Order ? this : new(_terms[..(order + 1)]);

    /// <summary>f + g.</summary>
    public static Jet operator +(Jet f, Jet g) => Zip(f, g, (a, b) => a + b);

    /// <summary>f − g.</summary>
    public static Jet operator -(Jet f, Jet g) => Zip(f, g, (a, b) => a - b);

    /// <summary>c·f for a scalar or a per-point [N] tensor c that does not depend on y.</summary>
    public Jet Scale(Tensor c) => new(_terms.Select(t => t * c).ToArray());

    /// <summary>c·f for a constant c.</summary>
    public Jet Scale(double c) => new(_terms.Select(t => t * c).ToArray());

    /// <summary>f + c (a constant or a y-independent tensor) added to the value only.</summary>
    public Jet Shift(Tensor c) => new(_terms.Select((t, k) => k == 0 ? t + c : t).ToArray());

    /// <summary>f·g by Leibniz's rule: (fg)⁽ᵏ⁾ = Σⱼ C(k, j) f⁽ʲ⁾ g⁽ᵏ⁻ʲ⁾.</summary>
    public static Jet operator *(Jet f, Jet g)
    {
        int order = Math.Min(f.Order, g.Order);
        var terms = new Tensor[order + 1];
        for (int k = 0; k <= order; k++)
        {
            Tensor sum = f[0] * g[k];
            for (int j = 1; j <= k; j++) sum = sum + Binomial(k, j) * (f[j] * g[k - j]);
            terms[k] = sum;
        }
        return new Jet(terms);
    }

    /// <summary>
    /// φ(f) for an elementwise φ given its derivatives at f: <paramref name="derivatives"/>[k] = φ⁽ᵏ⁾(f[0]),
    /// k = 0..order, by Faà di Bruno: (φ∘f)' = φ' f', (φ∘f)'' = φ'' f'² + φ' f'', (φ∘f)''' = φ''' f'³ + 3φ'' f' f'' + φ' f'''.
    /// </summary>
    public Jet Compose(IReadOnlyList<Tensor> derivatives)
    {
        int order = Math.Min(Order, derivatives.Count - 1);
        var terms = new Tensor[order + 1];
        terms[0] = derivatives[0];
        if (order >= 1) terms[1] = derivatives[1] * _terms[1];
        if (order >= 2) terms[2] = derivatives[2] * _terms[1].square() + derivatives[1] * _terms[2];
        if (order >= 3)
            terms[3] = derivatives[3] * _terms[1].pow(3) + 3 * derivatives[2] * _terms[1] * _terms[2] + derivatives[1] * _terms[3];
        return new Jet(terms);
    }

    /// <summary>f^p for f &gt; 0 and a scalar or per-point exponent p (y-independent).</summary>
    public Jet Power(Tensor p)
    {
        var f = _terms[0];
        var d = new Tensor[Order + 1];
        var coefficient = ones_like(f * p);
        for (int k = 0; k <= Order; k++)
        {
            d[k] = coefficient * f.pow(p - k);
            coefficient = coefficient * (p - k);
        }
        return Compose(d);
    }

    /// <summary>The components stacked into channels [order + 1, N].</summary>
    public Tensor Stack() => stack(_terms, 0);

    private static Jet Zip(Jet f, Jet g, Func<Tensor, Tensor, Tensor> op)
    {
        int order = Math.Min(f.Order, g.Order);
        return new Jet(Enumerable.Range(0, order + 1).Select(k => op(f[k], g[k])).ToArray());
    }

    private static double Binomial(int n, int k) => (n, k) switch
    {
        (_, 0) => 1,
        _ when k == n => 1,
        (3, _) => 3,
        (2, 1) => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(n)),
    };
}
