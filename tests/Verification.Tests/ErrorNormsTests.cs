using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Pinn.Verification.Tests;

public class ErrorNormsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Compute_KnownVectors_MatchesClosedForms()
    {
        // u* = (3, 4, 0, 0) so ‖u*‖₂ = 5, max|u*| = 4; u − u* = (1, −2, 2, 0) so ‖·‖₂ = 3, max = 2.
        var report = ErrorNorms.Compute([4.0, 2.0, 2.0, 0.0], [3.0, 4.0, 0.0, 0.0]);

        Assert.Equal(3.0 / 5.0, report.RelativeL2, Tolerance);
        Assert.Equal(Math.Sqrt(9.0 / 4.0), report.AbsoluteL2, Tolerance);
        Assert.Equal(2.0, report.LInfinity, Tolerance);
        Assert.Equal(0.5, report.RelativeLInfinity, Tolerance);
        Assert.Equal(4, report.PointCount);
        Assert.False(report.ExactIsZero);
    }

    [Fact]
    public void Compute_SineOnGrid_MatchesContinuousNorms()
    {
        // u* = sin(πx), u = 1.01 u* on a fine midpoint grid of [0, 1]: rel. L2 = rel. L∞ = 0.01 exactly,
        // RMS → 0.01·sqrt(∫ sin² dx) = 0.01/√2.
        const int n = 10_000;
        var exact = new double[n];
        var prediction = new double[n];
        for (var i = 0; i < n; i++)
        {
            exact[i] = Math.Sin(Math.PI * (i + 0.5) / n);
            prediction[i] = 1.01 * exact[i];
        }

        var report = ErrorNorms.Compute(prediction, exact);

        Assert.Equal(0.01, report.RelativeL2, 1e-12);
        Assert.Equal(0.01, report.RelativeLInfinity, 1e-12);
        Assert.Equal(0.01 / Math.Sqrt(2.0), report.AbsoluteL2, 1e-9);
    }

    [Fact]
    public void Compute_ExactIsZero_ReportsAbsoluteNormsAndSaysSo()
    {
        var report = ErrorNorms.Compute([3.0, -4.0], [0.0, 0.0]);

        Assert.True(report.ExactIsZero);
        Assert.Equal(5.0, report.RelativeL2, Tolerance);
        Assert.Equal(4.0, report.RelativeLInfinity, Tolerance);
        Assert.Contains("exact is zero", report.ToString());
    }

    [Fact]
    public void Compute_NaNInPrediction_PropagatesWithoutThrowing()
    {
        var report = ErrorNorms.Compute([1.0, double.NaN, 3.0], [1.0, 2.0, 3.0]);

        Assert.True(double.IsNaN(report.RelativeL2));
        Assert.True(double.IsNaN(report.AbsoluteL2));
        Assert.True(double.IsNaN(report.LInfinity));
        Assert.True(double.IsNaN(report.RelativeLInfinity));
        Assert.Contains("NaN", report.ToString());
    }

    [Fact]
    public void Compute_InfinityInPrediction_GivesInfiniteNorms()
    {
        var report = ErrorNorms.Compute([double.PositiveInfinity, 0.0], [1.0, 1.0]);

        Assert.True(double.IsPositiveInfinity(report.RelativeL2));
        Assert.True(double.IsPositiveInfinity(report.LInfinity));
    }

    [Fact]
    public void Compute_HugeAndTinyValues_NeitherOverflowsNorUnderflows()
    {
        var huge = ErrorNorms.Compute([2e300, 2e300], [1e300, 1e300]);
        var tiny = ErrorNorms.Compute([2e-300, 2e-300], [1e-300, 1e-300]);

        Assert.Equal(1.0, huge.RelativeL2, Tolerance);
        Assert.Equal(1e300, huge.AbsoluteL2, 1e288);
        Assert.Equal(1.0, tiny.RelativeL2, Tolerance);
    }

    [Fact]
    public void Compute_DifferentLengths_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ErrorNorms.Compute([1.0, 2.0], [1.0]));
        Assert.Contains("2 values", ex.Message);
    }

    [Fact]
    public void Compute_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => ErrorNorms.Compute([], []));
    }

    [Property(MaxTest = 200)]
    public Property Compute_IdenticalArrays_AllNormsZero() =>
        Prop.ForAll(Vectors(minLength: 1), values =>
        {
            var report = ErrorNorms.Compute(values, values);
            return report.RelativeL2 == 0 && report.AbsoluteL2 == 0 && report.LInfinity == 0 && report.RelativeLInfinity == 0;
        });

    [Property(MaxTest = 200)]
    public Property Compute_ScaledByPositiveFactor_RelativeNormsUnchanged() =>
        Prop.ForAll(Pairs(), Gen.Choose(-200, 200).Select(e => Math.Pow(10.0, e / 2.0)).ToArbitrary(), (pair, factor) =>
        {
            var (prediction, exact) = pair;
            var original = ErrorNorms.Compute(prediction, exact);
            if (original.ExactIsZero)
            {
                return true; // The relative norms are then absolute ones, which scale.
            }
            var scaled = ErrorNorms.Compute(prediction.Select(v => v * factor).ToArray(), exact.Select(v => v * factor).ToArray());
            return Close(original.RelativeL2, scaled.RelativeL2) && Close(original.RelativeLInfinity, scaled.RelativeLInfinity)
                && Close(original.AbsoluteL2 * factor, scaled.AbsoluteL2);
        });

    [Property(MaxTest = 200)]
    public Property Compute_ThreeArrays_SatisfiesTriangleInequality() =>
        Prop.ForAll(Vectors(minLength: 1), Gen.Choose(0, int.MaxValue).ToArbitrary(), (a, seed) =>
        {
            var random = new Random(seed);
            var b = a.Select(v => v + random.NextDouble() * 10 - 5).ToArray();
            var c = a.Select(v => v * (random.NextDouble() * 2 - 1)).ToArray();
            var ac = ErrorNorms.Compute(a, c);
            var ab = ErrorNorms.Compute(a, b);
            var bc = ErrorNorms.Compute(b, c);
            var slack = 1e-12 * (ab.AbsoluteL2 + bc.AbsoluteL2 + ab.LInfinity + bc.LInfinity);
            return ac.AbsoluteL2 <= ab.AbsoluteL2 + bc.AbsoluteL2 + slack && ac.LInfinity <= ab.LInfinity + bc.LInfinity + slack;
        });

    [Property(MaxTest = 200)]
    public Property Compute_AnyPair_NormsOrderedAndNonNegative() =>
        Prop.ForAll(Pairs(), pair =>
        {
            var report = ErrorNorms.Compute(pair.Prediction, pair.Exact);
            // RMS ≤ max ≤ ‖·‖₂ for any vector; all non-negative.
            var euclidean = report.AbsoluteL2 * Math.Sqrt(report.PointCount);
            return report.AbsoluteL2 >= 0 && report.AbsoluteL2 <= report.LInfinity * (1 + 1e-12)
                && report.LInfinity <= euclidean * (1 + 1e-12);
        });

    private static bool Close(double expected, double actual) =>
        Math.Abs(expected - actual) <= 1e-12 * Math.Max(Math.Abs(expected), 1e-300) || expected == actual;

    private static Gen<double> Finite() =>
        Gen.Choose(-1_000_000, 1_000_000).SelectMany(mantissa => Gen.Choose(-6, 6), (m, e) => m / 1e6 * Math.Pow(10.0, e));

    private static Arbitrary<double[]> Vectors(int minLength) =>
        Gen.Choose(minLength, 40).SelectMany(n => Finite().ArrayOf(n)).ToArbitrary();

    private static Arbitrary<(double[] Prediction, double[] Exact)> Pairs() =>
        Gen.Choose(1, 40)
            .SelectMany(n => Finite().ArrayOf(n).SelectMany(p => Finite().ArrayOf(n), (p, e) => (p, e)))
            .ToArbitrary();
}
