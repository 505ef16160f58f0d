using System.Globalization;

namespace Pinn.Verification;

/// <summary>
/// Discrete error norms of a prediction u against an exact (or reference) solution u* at the same points.
/// </summary>
/// <param name="RelativeL2">‖u − u*‖₂ / ‖u*‖₂; when ‖u*‖₂ = 0 it is the absolute ‖u − u*‖₂ and
/// <paramref name="ExactIsZero"/> is true.</param>
/// <param name="AbsoluteL2">Root mean square error, sqrt(mean((u − u*)²)) = ‖u − u*‖₂ / √N, which approximates
/// the L2 norm of the error over the domain divided by the square root of its measure.</param>
/// <param name="LInfinity">max |u − u*|.</param>
/// <param name="RelativeLInfinity">max |u − u*| / max |u*|; when u* = 0 it is the absolute max |u − u*|.</param>
/// <param name="PointCount">N, the number of points.</param>
/// <param name="ExactIsZero">True when u* is identically zero, so the two relative norms are absolute.</param>
/// <remarks>A NaN anywhere in u or u* makes every norm NaN (nothing is thrown).</remarks>
public sealed record ErrorReport(
    double RelativeL2,
    double AbsoluteL2,
    double LInfinity,
    double RelativeLInfinity,
    int PointCount,
    bool ExactIsZero)
{
    /// <summary>One line such as <c>rel. L2 = 1.234e-03, RMS = 5.678e-04, L∞ = 2.1e-03, rel. L∞ = 2.1e-03 (N = 900)</c>.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var relative = ExactIsZero ? "L2 (exact is zero, absolute)" : "rel. L2";
        var relativeMax = ExactIsZero ? "L∞ (absolute)" : "rel. L∞";
        return string.Create(c,
            $"{relative} = {RelativeL2:0.000e+00}, RMS = {AbsoluteL2:0.000e+00}, L∞ = {LInfinity:0.000e+00}, " +
            $"{relativeMax} = {RelativeLInfinity:0.000e+00} (N = {PointCount})");
    }
}
