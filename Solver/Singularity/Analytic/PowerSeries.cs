using System.Numerics;

namespace Pinn.Solver.Singularity;

/// <summary>
/// A truncated power series Σₘ aₘ yᵐ (m = 0..order) with complex coefficients: the Taylor expansion at y = 0 of
/// the analytic ansatz and of the residual built from it (products truncated at the series' order).
/// </summary>
public sealed class PowerSeries
{
    private readonly Complex[] _a;

    /// <summary>The series with coefficients <paramref name="coefficients"/> (a copy).</summary>
    public PowerSeries(IEnumerable<Complex> coefficients) => _a = coefficients.ToArray();

    /// <summary>The highest power kept.</summary>
    public int Order => _a.Length - 1;

    /// <summary>aₘ.</summary>
    public Complex this[int m] => m < _a.Length ? _a[m] : Complex.Zero;

    /// <summary>The constant c.</summary>
    public static PowerSeries Constant(Complex c, int order) => new(Enumerable.Range(0, order + 1).Select(m => m == 0 ? c : Complex.Zero));

    /// <summary>y itself.</summary>
    public static PowerSeries Variable(int order) => new(Enumerable.Range(0, order + 1).Select(m => m == 1 ? Complex.One : Complex.Zero));

    /// <summary>(1 − q y)^(−p) = Σ (p)ₘ/m! (q y)ᵐ, (p)ₘ the rising factorial.</summary>
    public static PowerSeries InversePower(Complex q, double p, int order)
    {
        var a = new Complex[order + 1];
        Complex term = 1;
        for (int m = 0; m <= order; m++)
        {
            a[m] = term;
            term *= q * (p + m) / (m + 1);
        }
        return new PowerSeries(a);
    }

    /// <summary>−log(1 − q y) = Σ_{m≥1} (q y)ᵐ/m.</summary>
    public static PowerSeries MinusLogOneMinus(Complex q, int order) =>
        new(Enumerable.Range(0, order + 1).Select(m => m == 0 ? Complex.Zero : Complex.Pow(q, m) / m));

    /// <summary>f + g.</summary>
    public static PowerSeries operator +(PowerSeries f, PowerSeries g) =>
        new(Enumerable.Range(0, Math.Min(f.Order, g.Order) + 1).Select(m => f[m] + g[m]));

    /// <summary>c·f.</summary>
    public static PowerSeries operator *(Complex c, PowerSeries f) => new(f._a.Select(v => c * v));

    /// <summary>f·g truncated at the lower order.</summary>
    public static PowerSeries operator *(PowerSeries f, PowerSeries g)
    {
        int order = Math.Min(f.Order, g.Order);
        var a = new Complex[order + 1];
        for (int m = 0; m <= order; m++)
            for (int j = 0; j <= m; j++) a[m] += f[j] * g[m - j];
        return new PowerSeries(a);
    }

    /// <summary>f' (one order lower).</summary>
    public PowerSeries Derivative() => new(Enumerable.Range(1, Math.Max(Order, 1)).Select(m => m * this[m]));

    /// <summary>The series of the real parts (Re f on the real axis, for real y).</summary>
    public PowerSeries Real() => new(_a.Select(v => new Complex(v.Real, 0)));

    /// <summary>The series of the imaginary parts (Im f on the real axis).</summary>
    public PowerSeries Imaginary() => new(_a.Select(v => new Complex(v.Imaginary, 0)));
}
