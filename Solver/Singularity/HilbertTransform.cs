using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The Hilbert transform on the line, Hf(y) = (1/π) PV∫ f(s)/(y − s) ds (so H[1/(1+y²)] = y/(1+y²) and
/// H cos = sin), by the Cayley map y = tan(φ/2) onto the circle and the periodic conjugate-function operator
/// computed with the FFT.
/// </summary>
/// <remarks>
/// With F(φ) = f(tan(φ/2)) and s = tan(ψ/2), ds/(y − s) = ½[cot((φ − ψ)/2) − tan(ψ/2)] dψ, so
/// Hf(tan(φ/2)) = C[F](φ) − C[F](π), where C[F](φ) = (1/2π) PV∫ F(ψ) cot((φ − ψ)/2) dψ is the conjugate function
/// (its Fourier multiplier is −i·sign k) and the constant C[F](π) makes Hf vanish at y = ±∞, the point φ = π.
/// F is sampled on the n points φⱼ = −π + (2j + 1)π/n (never φ = π); C[F] at the grid is one forward and one
/// inverse FFT (the Nyquist mode, whose sign is undefined, is dropped) and C[F](π) is the trigonometric
/// interpolant of C[F] summed at φ = π. A constant f∞ = f(±∞) has Hilbert transform 0 and is subtracted first.
/// <para>
/// Error: exact for trigonometric polynomials of degree &lt; n/2 in φ (f rational in y of degree ≤ 0 with its poles at
/// ±i, e.g. 1/(1+y²), y/(1+y²)); geometric in n for f analytic on the closed circle, i.e. analytic on the line and at
/// infinity (for a Poisson kernel a/((y − c)² + a²) the rate is |ζ₀|⁻ⁿ with ζ₀ = (z₀ − i)/(z₀ + i), z₀ = c − ia).
/// For a power tail f ~ |y|^(−s) at infinity F has an algebraic singularity (π − φ)^s at φ = π and the error falls
/// only like n^(−s−1): the transform of such functions should be formed in closed form (see
/// <see cref="AnalyticProfileBasis"/>), and this operator used to check it.
/// </para>
/// </remarks>
public static class HilbertTransform
{
    /// <summary>The grid y_j = tan(φ_j/2), φ_j = −π + (2j + 1)π/n, j = 0..n−1 (increasing, symmetric about 0).</summary>
    public static double[] Grid(int n)
    {
        if (n < 4 || (n & (n - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(n), n, "the grid size must be a power of two ≥ 4");
        return Enumerable.Range(0, n).Select(j => Math.Tan(Angle(j, n) / 2)).ToArray();
    }

    /// <summary>Hf on <see cref="Grid"/>(n) for f given as a function (f∞ = f(±∞), 0 by default).</summary>
    public static (double[] Y, double[] Transform) Apply(Func<double, double> f, int n, double atInfinity = 0)
    {
        var y = Grid(n);
        return (y, Apply(y.Select(f).ToArray(), atInfinity));
    }

    /// <summary>Hf on <see cref="Grid"/>(n) from the values f(y_j) on that grid (n = values.Length).</summary>
    public static double[] Apply(double[] values, double atInfinity = 0)
    {
        int n = values.Length;
        Grid(n);   // validates n
        if (values.Any(v => !double.IsFinite(v)) || !double.IsFinite(atInfinity))
            throw new ArgumentException("the values must be finite", nameof(values));
        var spectrum = values.Select(v => new Complex(v - atInfinity, 0)).ToArray();
        Fourier.Forward(spectrum, FourierOptions.NoScaling);
        // Multiplier −i·sign(k) on the signed frequencies; the Nyquist mode k = n/2 is dropped.
        Complex atPi = Complex.Zero;
        for (int k = 0; k < n; k++)
        {
            int frequency = k <= n / 2 ? k : k - n;
            var multiplier = frequency == 0 || k == n / 2 ? Complex.Zero : new Complex(0, -Math.Sign(frequency));
            spectrum[k] *= multiplier;
            // The interpolant at φ = π: Σ_k c_k e^{ik(π − φ₀)} with φ₀ = −π + π/n, i.e. the phase e^{−iπk/n}·(−1)^{2k}.
            atPi += spectrum[k] * Complex.FromPolarCoordinates(1, -Math.PI * frequency / n);
        }
        Fourier.Inverse(spectrum, FourierOptions.NoScaling);
        double constant = atPi.Real / n;
        return spectrum.Select(c => c.Real / n - constant).ToArray();
    }

    private static double Angle(int j, int n) => -Math.PI + (2.0 * j + 1) * Math.PI / n;
}
