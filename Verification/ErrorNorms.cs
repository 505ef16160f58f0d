namespace Pinn.Verification;

/// <summary>
/// Error norms of a prediction against an exact solution sampled at the same points (float64).
/// </summary>
/// <remarks>
/// <para>
/// Quadrature: every norm here is a discrete norm with equal weights 1/N, i.e. the integral of f over the domain Ω is
/// approximated by |Ω| · (1/N) Σᵢ f(xᵢ). On the closed tensor grid of <c>Domain.EvaluationPoints</c> (n points per
/// coordinate, end points included, N = nᵈ) this is the product of one-dimensional rules that give each of the n
/// nodes the same weight (b − a)/n. It is not the composite trapezoidal rule (weights h = (b − a)/(n − 1), halved at
/// the two end points): it is first-order accurate, O(1/n) per coordinate, and even for integrands that vanish on ∂Ω
/// it equals (n − 1)/n times the trapezoidal value per coordinate; for example, mean(sin²(πxᵢ)) over n closed points of
/// [0, 1] is exactly (n − 1)/(2n), not ∫₀¹ sin²(πx) dx = 1/2. On an open
/// midpoint grid the same mean is the composite midpoint rule (second order). On Halton points (d &gt; 3) it is a
/// quasi-Monte Carlo estimate. Relative norms are ratios of two sums over the same points, so the constant weight
/// |Ω|/N cancels in them.
/// </para>
/// The Euclidean norms are accumulated with scaling by the largest magnitude (as in LAPACK's <c>dnrm2</c>), so
/// they neither overflow nor underflow for values far from 1; a NaN in either array propagates to every norm.
/// </remarks>
public static class ErrorNorms
{
    /// <summary>Computes the relative and absolute L2 and L∞ errors of <paramref name="prediction"/>.</summary>
    /// <param name="prediction">u at the N evaluation points.</param>
    /// <param name="exact">u* at the same N points.</param>
    /// <exception cref="ArgumentException">The arrays are empty or of different lengths.</exception>
    public static ErrorReport Compute(ReadOnlySpan<double> prediction, ReadOnlySpan<double> exact)
    {
        if (prediction.Length != exact.Length)
        {
            throw new ArgumentException(
                $"prediction has {prediction.Length} values but exact has {exact.Length}; they must be sampled at the same points.",
                nameof(exact));
        }
        if (prediction.Length == 0)
        {
            throw new ArgumentException("prediction and exact are empty; at least one point is needed.", nameof(prediction));
        }

        var difference = new double[prediction.Length];
        for (var i = 0; i < difference.Length; i++)
        {
            difference[i] = prediction[i] - exact[i];
        }

        var errorNorm = EuclideanNorm(difference);
        var errorMax = MaxAbs(difference);
        var exactNorm = EuclideanNorm(exact);
        var exactMax = MaxAbs(exact);
        var exactIsZero = exactNorm == 0.0;

        return new ErrorReport(
            RelativeL2: exactIsZero ? errorNorm : errorNorm / exactNorm,
            AbsoluteL2: errorNorm / Math.Sqrt(difference.Length),
            LInfinity: errorMax,
            RelativeLInfinity: exactIsZero ? errorMax : errorMax / exactMax,
            PointCount: difference.Length,
            ExactIsZero: exactIsZero);
    }

    /// <summary>
    /// The H¹-seminorm error ‖∇u − ∇u*‖ from gradients the caller computed (Verification knows no networks), relative
    /// and absolute (root mean square over the points of the Euclidean length of the gradient error).
    /// </summary>
    /// <param name="gradient">∇u at the N points, N × d (row i holds ∂u/∂x₁ … ∂u/∂x_d at point i).</param>
    /// <param name="exactGradient">∇u* at the same points, N × d.</param>
    /// <exception cref="ArgumentException">The arrays differ in shape, or have no point or no column.</exception>
    public static GradientErrorReport H1Seminorm(double[,] gradient, double[,] exactGradient)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(exactGradient);
        int count = gradient.GetLength(0), dimension = gradient.GetLength(1);
        if (exactGradient.GetLength(0) != count || exactGradient.GetLength(1) != dimension)
        {
            throw new ArgumentException(
                $"gradient is {count} × {dimension} but exact gradient is {exactGradient.GetLength(0)} × {exactGradient.GetLength(1)}; " +
                "they must hold the same components at the same points.", nameof(exactGradient));
        }
        if (count == 0 || dimension == 0)
        {
            throw new ArgumentException($"gradient is {count} × {dimension}; at least one point and one component are needed.", nameof(gradient));
        }
        var difference = new double[count * dimension];
        var exact = new double[count * dimension];
        for (var i = 0; i < count; i++)
        {
            for (var k = 0; k < dimension; k++)
            {
                exact[i * dimension + k] = exactGradient[i, k];
                difference[i * dimension + k] = gradient[i, k] - exactGradient[i, k];
            }
        }
        var errorNorm = EuclideanNorm(difference);
        var exactNorm = EuclideanNorm(exact);
        var exactIsZero = exactNorm == 0.0;
        return new GradientErrorReport(exactIsZero ? errorNorm : errorNorm / exactNorm, errorNorm / Math.Sqrt(count),
            count, dimension, exactIsZero);
    }

    /// <summary>RMS and max of one term's residual; see <see cref="ResidualNorms.Compute"/>.</summary>
    public static ResidualNorms Residual(string term, ReadOnlySpan<double> residual) => ResidualNorms.Compute(term, residual);

    /// <summary>‖x‖₂ accumulated as s·sqrt(Σ (xᵢ/s)²) with s = max|xᵢ|; NaN if any xᵢ is NaN.</summary>
    internal static double EuclideanNorm(ReadOnlySpan<double> x)
    {
        var scale = MaxAbs(x);
        if (double.IsNaN(scale) || double.IsPositiveInfinity(scale) || scale == 0.0)
        {
            return scale;
        }
        var sum = 0.0;
        foreach (var value in x)
        {
            var scaled = value / scale;
            sum += scaled * scaled;
        }
        return scale * Math.Sqrt(sum);
    }

    /// <summary>max |xᵢ|, NaN if any xᵢ is NaN, 0 for an empty span.</summary>
    internal static double MaxAbs(ReadOnlySpan<double> x)
    {
        var max = 0.0;
        foreach (var value in x)
        {
            if (double.IsNaN(value))
            {
                return double.NaN;
            }
            max = Math.Max(max, Math.Abs(value));
        }
        return max;
    }
}
