using System.Globalization;

namespace Pinn.Verification;

/// <summary>
/// The H¹-seminorm error |u − u*|_{H¹} = ‖∇u − ∇u*‖_{L²} of a prediction, discretised at N points (see
/// <see cref="ErrorNorms.H1Seminorm"/> for the quadrature rule).
/// </summary>
/// <param name="Relative">‖∇u − ∇u*‖ / ‖∇u*‖ (Frobenius norms of the N × d arrays); when ∇u* = 0 it is the absolute
/// ‖∇u − ∇u*‖ and <paramref name="ExactIsZero"/> is true.</param>
/// <param name="Absolute">sqrt(mean over points of |∇u − ∇u*|²) = ‖∇u − ∇u*‖ / √N, which approximates
/// |u − u*|_{H¹(Ω)} / √|Ω|.</param>
/// <param name="PointCount">N.</param>
/// <param name="Dimension">d, the number of gradient components per point.</param>
/// <param name="ExactIsZero">True when ∇u* is identically zero, so <paramref name="Relative"/> is absolute.</param>
/// <remarks>A NaN anywhere in either gradient makes both norms NaN (nothing is thrown).</remarks>
public sealed record GradientErrorReport(double Relative, double Absolute, int PointCount, int Dimension, bool ExactIsZero)
{
    /// <summary>One line such as <c>rel. H¹ seminorm = 1.2e-03, RMS |∇e| = 3.4e-04 (N = 900, d = 2)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(ExactIsZero ? "H¹ seminorm (exact gradient is zero, absolute)" : "rel. H¹ seminorm")} = {Relative:0.000e+00}, " +
        $"RMS |∇e| = {Absolute:0.000e+00} (N = {PointCount}, d = {Dimension})");
}
