using System.Numerics;

namespace Pinn.Solver.Singularity;

/// <summary>
/// A local family of the analytic ansatz that resolves a sharp feature at ±y_d of width δ: bₖ(z) = (z_d^k − 1) + (z_{−d}^k − 1),
/// k = 1..K, with the Möbius variables z_{±d} = (z ∓ y_d − iδ)/(z ∓ y_d + iδ).
/// </summary>
/// <remarks>
/// z_{±d} has its only pole at ±y_d − iδ, below the line, and maps the upper half-plane onto the unit disk, so every bₖ is
/// analytic in the upper half-plane, bounded, and decays like 1/z at infinity (z_{±d} → 1): Im F = H[Re F] holds exactly for
/// these functions, as for the Cayley families. On the line z_d(−y) = conj z_{−d}(y), so b(−y) = conj b(y) (Re b even, Im b odd).
/// Near y_d the powers z_d^k are Fourier modes in the angle of z_d, so the family resolves a feature of width ~δ at ±y_d with
/// spectral accuracy (the ccf2 prototype of the CCF first unstable profile: y_d ≈ 0.175, δ ≈ 0.03, 60 modes). The family does
/// not depend on λ.
/// </remarks>
/// <param name="Center">y_d &gt; 0.</param>
/// <param name="Width">δ &gt; 0.</param>
/// <param name="Modes">K.</param>
public sealed record AnalyticLocalFamily(double Center, double Width, int Modes)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid centre, width or mode count.</summary>
    public AnalyticLocalFamily Validate()
    {
        if (!(Center > 0) || !double.IsFinite(Center)) throw new ArgumentOutOfRangeException(nameof(Center), Center, "the local family's centre y_d must be positive and finite");
        if (!(Width > 0) || !double.IsFinite(Width)) throw new ArgumentOutOfRangeException(nameof(Width), Width, "the local family's width δ must be positive and finite");
        if (Modes is < 1 or > 512) throw new ArgumentOutOfRangeException(nameof(Modes), Modes, "the local family's modes must be in 1..512");
        return this;
    }

    /// <summary>b and db/dy of every function at the real point y (spans of length <see cref="Modes"/>).</summary>
    public void Evaluate(double y, Span<Complex> value, Span<Complex> derivative)
    {
        value.Clear();
        derivative.Clear();
        var width = new Complex(0, Width);
        foreach (double centre in (ReadOnlySpan<double>)[Center, -Center])
        {
            var shifted = y - centre;
            var z = (shifted - width) / (shifted + width);
            var dz = 2 * width / ((shifted + width) * (shifted + width));
            Complex power = Complex.One;                        // z^{k−1}
            for (int k = 1; k <= Modes; k++)
            {
                derivative[k - 1] += k * power * dz;
                power *= z;
                value[k - 1] += power - 1;
            }
        }
    }

    /// <summary>The Taylor series at y = 0 (to <paramref name="order"/>) of every function.</summary>
    public PowerSeries[] Series(int order)
    {
        var result = new PowerSeries[Modes];
        for (int k = 0; k < Modes; k++) result[k] = PowerSeries.Constant(0, order);
        foreach (double centre in (ReadOnlySpan<double>)[Center, -Center])
        {
            // z = 1 − 2iδ/(y + c), c = −centre + iδ, and 1/(y + c) = (1/c)(1 − q y)^(−1) with q = −1/c.
            var c = new Complex(-centre, Width);
            var inverse = (1 / c) * PowerSeries.InversePower(-1 / c, 1, order);
            var z = PowerSeries.Constant(1, order) + (new Complex(0, -2 * Width) * inverse);
            var power = PowerSeries.Constant(1, order);
            for (int k = 0; k < Modes; k++)
            {
                power *= z;
                result[k] = result[k] + power + PowerSeries.Constant(-1, order);
            }
        }
        return result;
    }
}
