using System.Globalization;
using static TorchSharp.torch;

namespace Pinn.Verification.Solver;

/// <summary>
/// One factor g(t) of a <see cref="SmoothFunction"/> in one coordinate, with its first and second derivatives in
/// closed form: a polynomial, a sine or an exponential.
/// </summary>
public abstract record SmoothFactor
{
    /// <summary>g, g′ or g″ (<paramref name="order"/> 0, 1, 2) at the coordinate values <paramref name="t"/> [N].</summary>
    public abstract Tensor Evaluate(Tensor t, int order);

    /// <summary>The factor as a formula in <paramref name="variable"/>, e.g. <c>sin(1.5y + 0.2)</c>.</summary>
    public abstract string Format(string variable);

    /// <summary>Whether the factor is the constant 1 (the function does not depend on this coordinate through it).</summary>
    public virtual bool IsOne => false;

    /// <summary>Simpler factors, simplest first: the constant 1, then t, t², then the same kind with rounder numbers.</summary>
    public abstract IEnumerable<SmoothFactor> Shrink();

    /// <summary>The constant 1.</summary>
    public static SmoothFactor One { get; } = new PolynomialFactor([1.0]);

    /// <summary>The monomial tᵏ.</summary>
    public static SmoothFactor Monomial(int degree)
    {
        var c = new double[degree + 1];
        c[degree] = 1;
        return new PolynomialFactor(c);
    }

    /// <summary>The simplest replacements, each strictly simpler than this factor (so shrinking cannot cycle): 1, t, t²
    /// for a sine or an exponential; for a polynomial of degree n, the monomials tᵏ with k ≤ n other than itself.</summary>
    protected virtual IEnumerable<SmoothFactor> Simplest() => [One, Monomial(1), Monomial(2)];

    /// <summary>A number for display: up to four significant digits.</summary>
    protected static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>One decimal, or an integer when that is a change: the rounder numbers that shrinking tries.</summary>
    protected static IEnumerable<double> Rounder(double value) =>
        new[] { Math.Round(value), Math.Round(value, 1) }.Where(v => v != value).Distinct();

    /// <summary>Throws unless <paramref name="order"/> is 0, 1 or 2.</summary>
    protected static void CheckOrder(int order)
    {
        if (order is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(order), $"derivatives of order 0, 1 or 2 only (got {order})");
    }
}

/// <summary>c₀ + c₁t + … + cₙtⁿ.</summary>
public sealed record PolynomialFactor(IReadOnlyList<double> Coefficients) : SmoothFactor
{
    /// <inheritdoc />
    public override Tensor Evaluate(Tensor t, int order)
    {
        CheckOrder(order);
        var c = Enumerable.Range(order, Math.Max(0, Coefficients.Count - order))
            .Select(k => Coefficients[k] * (order == 0 ? 1 : order == 1 ? k : k * (k - 1))).ToArray();
        var value = zeros_like(t);
        for (var k = c.Length - 1; k >= 0; k--) value = value * t + c[k];   // Horner
        return value;
    }

    /// <inheritdoc />
    public override bool IsOne => Coefficients.Select((c, k) => k == 0 ? c == 1 : c == 0).All(b => b);

    /// <inheritdoc />
    public override string Format(string variable)
    {
        var parts = Coefficients.Select((c, k) => (c, k)).Where(p => p.c != 0).Select(p => p.k switch
        {
            0 => Number(p.c),
            _ => (p.c == 1 ? "" : p.c == -1 ? "-" : Number(p.c)) + variable + (p.k == 1 ? "" : "^" + p.k),
        }).ToList();
        return parts.Count == 0 ? "0" : parts.Count == 1 ? parts[0] : "(" + string.Join(" + ", parts).Replace("+ -", "- ") + ")";
    }

    /// <inheritdoc />
    protected override IEnumerable<SmoothFactor> Simplest()
    {
        var degree = Enumerable.Range(0, Coefficients.Count).LastOrDefault(k => Coefficients[k] != 0);
        return Enumerable.Range(0, degree + 1).Select(Monomial).Where(m => m.Format("t") != Format("t"));
    }

    /// <inheritdoc />
    public override IEnumerable<SmoothFactor> Shrink()
    {
        if (IsOne) yield break;
        foreach (var simple in Simplest()) yield return simple;
        var nonzero = Enumerable.Range(0, Coefficients.Count).Where(k => Coefficients[k] != 0).ToList();
        if (nonzero.Count > 1)
        {
            foreach (var k in nonzero) yield return new PolynomialFactor(Coefficients.Select((c, j) => j == k ? 0 : c).ToArray());
        }
        foreach (var k in nonzero)
        {
            foreach (var rounder in Rounder(Coefficients[k]).Where(v => v != 0))
                yield return new PolynomialFactor(Coefficients.Select((c, j) => j == k ? rounder : c).ToArray());
        }
    }
}

/// <summary>sin(a t + b).</summary>
public sealed record SineFactor(double Frequency, double Phase) : SmoothFactor
{
    /// <inheritdoc />
    public override Tensor Evaluate(Tensor t, int order)
    {
        CheckOrder(order);
        var argument = Frequency * t + Phase;
        return order switch
        {
            0 => argument.sin(),
            1 => Frequency * argument.cos(),
            _ => -Frequency * Frequency * argument.sin(),
        };
    }

    /// <inheritdoc />
    public override string Format(string variable) =>
        $"sin({(Frequency == 1 ? "" : Number(Frequency))}{variable}{(Phase == 0 ? "" : " + " + Number(Phase))})".Replace("+ -", "- ");

    /// <inheritdoc />
    public override IEnumerable<SmoothFactor> Shrink()
    {
        foreach (var simple in Simplest()) yield return simple;
        if (Phase != 0) yield return this with { Phase = 0 };
        foreach (var a in Rounder(Frequency).Where(v => v != 0)) yield return this with { Frequency = a };
        foreach (var b in Rounder(Phase)) yield return this with { Phase = b };
    }
}

/// <summary>exp(a t).</summary>
public sealed record ExponentialFactor(double Rate) : SmoothFactor
{
    /// <inheritdoc />
    public override Tensor Evaluate(Tensor t, int order)
    {
        CheckOrder(order);
        return Math.Pow(Rate, order) * (Rate * t).exp();
    }

    /// <inheritdoc />
    public override string Format(string variable) => $"exp({(Rate == 1 ? "" : Rate == -1 ? "-" : Number(Rate))}{variable})";

    /// <inheritdoc />
    public override IEnumerable<SmoothFactor> Shrink()
    {
        foreach (var simple in Simplest()) yield return simple;
        foreach (var a in Rounder(Rate).Where(v => v != 0)) yield return this with { Rate = a };
    }
}
