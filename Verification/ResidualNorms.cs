using System.Globalization;

namespace Pinn.Verification;

/// <summary>
/// Size of one loss term's residual r at its N points: root mean square and maximum magnitude.
/// </summary>
/// <param name="Term">The term's name, e.g. <c>pde</c> or <c>boundary</c>.</param>
/// <param name="Rms">sqrt(mean rᵢ²) = ‖r‖₂ / √N: the square root of the term's unweighted loss mean(r²).</param>
/// <param name="Max">max |rᵢ|.</param>
/// <param name="PointCount">N, the number of residual rows.</param>
/// <remarks>
/// For an interior term on an equal-weight point set, Rms approximates ‖r‖_{L²(Ω)} / √|Ω| by the rule stated in
/// <see cref="ErrorNorms"/>. A NaN residual makes both norms NaN.
/// </remarks>
public sealed record ResidualNorms(string Term, double Rms, double Max, int PointCount)
{
    /// <summary>The norms of <paramref name="residual"/> for the term <paramref name="term"/>.</summary>
    /// <exception cref="ArgumentException">The term name is null or empty, or the residual is empty.</exception>
    public static ResidualNorms Compute(string term, ReadOnlySpan<double> residual)
    {
        ArgumentException.ThrowIfNullOrEmpty(term);
        if (residual.Length == 0)
        {
            throw new ArgumentException($"the residual of term '{term}' is empty; at least one point is needed.", nameof(residual));
        }
        return new ResidualNorms(term, ErrorNorms.EuclideanNorm(residual) / Math.Sqrt(residual.Length),
            ErrorNorms.MaxAbs(residual), residual.Length);
    }

    /// <summary>One line such as <c>pde: RMS = 1.2e-04, max = 3.4e-03 (N = 900)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Term}: RMS = {Rms:0.000e+00}, max = {Max:0.000e+00} (N = {PointCount})");
}
