namespace Pinn.Verification;

/// <summary>
/// Error norms of a prediction against an exact solution sampled at the same points (float64).
/// </summary>
/// <remarks>
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
