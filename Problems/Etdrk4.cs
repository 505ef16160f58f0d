using System.Numerics;
using static TorchSharp.torch;

namespace Pinn.Problems;

/// <summary>
/// Fourth-order exponential time differencing Runge–Kutta (ETDRK4) for v′ = L v + N(v) with a diagonal,
/// real linear part L (e.g. a Fourier-space diffusion operator) and a nonlinear part N.
/// </summary>
/// <remarks>
/// Cox &amp; Matthews (2002, J. Comput. Phys. 176, eq. 26–29); the coefficients
/// Q = h·φ(hL/2)-type integrals f₁, f₂, f₃ are computed by the contour integrals of Kassam &amp; Trefethen
/// (2005, SIAM J. Sci. Comput. 26, §4): the mean over M points on a circle of radius 1 around each hLₖ,
/// which avoids the cancellation of the closed forms for small |hL|. One step:
/// a = E₂v + Q N(v), b = E₂v + Q N(a), c = E₂a + Q(2N(b) − N(v)),
/// v ← E v + f₁ N(v) + 2 f₂ (N(a) + N(b)) + f₃ N(c), with E = e^{hL}, E₂ = e^{hL/2}.
/// </remarks>
public sealed class Etdrk4 : IDisposable
{
    private readonly Func<Tensor, Tensor> _nonlinear;
    private readonly Tensor _e, _e2, _q, _f1, _f2, _f3;

    /// <summary>The scheme for step <paramref name="step"/>, linear part <paramref name="linear"/> (one entry per unknown).</summary>
    /// <param name="linear">The diagonal of L.</param>
    /// <param name="step">The time step h &gt; 0.</param>
    /// <param name="nonlinear">N: a tensor like v → a tensor like v (fresh).</param>
    /// <param name="contourPoints">Points on the half circle of the contour integrals (Kassam &amp; Trefethen use 32 on the upper half for real L).</param>
    public Etdrk4(double[] linear, double step, Func<Tensor, Tensor> nonlinear, int contourPoints = 32)
    {
        if (!(step > 0) || !double.IsFinite(step)) throw new ArgumentOutOfRangeException(nameof(step), "the step must be positive");
        if (contourPoints < 4) throw new ArgumentOutOfRangeException(nameof(contourPoints), "at least 4 contour points");
        _nonlinear = nonlinear ?? throw new ArgumentNullException(nameof(nonlinear));
        Step = step;
        int n = linear.Length;
        double[] e = new double[n], e2 = new double[n], q = new double[n], f1 = new double[n], f2 = new double[n], f3 = new double[n];
        for (int k = 0; k < n; k++)
        {
            double hl = step * linear[k];
            e[k] = Math.Exp(hl);
            e2[k] = Math.Exp(hl / 2);
            Complex sq = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int j = 1; j <= contourPoints; j++)
            {
                var z = hl + Complex.Exp(Complex.ImaginaryOne * Math.PI * (j - 0.5) / contourPoints);
                Complex ez = Complex.Exp(z), z3 = z * z * z;
                sq += (Complex.Exp(z / 2) - 1) / z;
                s1 += (-4 - z + ez * (4 - 3 * z + z * z)) / z3;
                s2 += (2 + z + ez * (z - 2)) / z3;
                s3 += (-4 - 3 * z - z * z + ez * (4 - z)) / z3;
            }
            q[k] = step * sq.Real / contourPoints;
            f1[k] = step * s1.Real / contourPoints;
            f2[k] = step * s2.Real / contourPoints;
            f3[k] = step * s3.Real / contourPoints;
        }
        Tensor T(double[] a) => tensor(a, dtype: ScalarType.Float64).DetachFromDisposeScope();
        (_e, _e2, _q, _f1, _f2, _f3) = (T(e), T(e2), T(q), T(f1), T(f2), T(f3));
    }

    /// <summary>The time step h.</summary>
    public double Step { get; }

    /// <summary>v(t + h) from v(t) (a fresh tensor).</summary>
    public Tensor Advance(Tensor v)
    {
        using var scope = NewDisposeScope();
        var nv = _nonlinear(v);
        var a = _e2 * v + _q * nv;
        var na = _nonlinear(a);
        var b = _e2 * v + _q * na;
        var nb = _nonlinear(b);
        var c = _e2 * a + _q * (2 * nb - nv);
        var nc = _nonlinear(c);
        return (_e * v + _f1 * nv + 2 * _f2 * (na + nb) + _f3 * nc).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in new[] { _e, _e2, _q, _f1, _f2, _f3 }) t.Dispose();
    }
}
