using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Pinn.Verification.Tests;

public class GradientAndResidualNormsTests
{
    /// <summary>The closed n × n grid of [0, 1]² (end points included), as Domain.EvaluationPoints lays it out.</summary>
    private static (double X, double Y)[] ClosedGrid(int n) =>
        Enumerable.Range(0, n * n).Select(i => ((double)(i / n) / (n - 1), (double)(i % n) / (n - 1))).ToArray();

    private static double[,] Gradient((double X, double Y)[] points, double factor)
    {
        // ∇ of u* = sin(πx) sin(πy).
        var g = new double[points.Length, 2];
        for (var i = 0; i < points.Length; i++)
        {
            var (x, y) = points[i];
            g[i, 0] = factor * Math.PI * Math.Cos(Math.PI * x) * Math.Sin(Math.PI * y);
            g[i, 1] = factor * Math.PI * Math.Sin(Math.PI * x) * Math.Cos(Math.PI * y);
        }
        return g;
    }

    [Theory]
    [InlineData(11)]
    [InlineData(101)]
    public void H1Seminorm_ScaledSineOnClosedGrid_MatchesTheEqualWeightRuleInClosedForm(int n)
    {
        // u = 1.01 u*: rel. = 0.01 exactly. On n closed points mean sin² = (n − 1)/(2n) and mean cos² = (n + 1)/(2n),
        // so mean |∇u*|² = π²(n² − 1)/(2n²): the absolute seminorm is 0.01 π sqrt((n² − 1)/(2n²)), which tends to
        // 0.01 |u*|_{H¹} = 0.01 π/√2 (∫ |∇u*|² over the unit square is π²/2).
        var points = ClosedGrid(n);
        var report = ErrorNorms.H1Seminorm(Gradient(points, 1.01), Gradient(points, 1.0));

        Assert.Equal(0.01, report.Relative, 1e-12);
        Assert.Equal(0.01 * Math.PI * Math.Sqrt((n * n - 1.0) / (2.0 * n * n)), report.Absolute, 1e-13);
        Assert.True(Math.Abs(report.Absolute - 0.01 * Math.PI / Math.Sqrt(2)) <= 0.01 * Math.PI / n / n);
        Assert.Equal((n * n, 2, false), (report.PointCount, report.Dimension, report.ExactIsZero));
    }

    [Fact]
    public void ResidualNorms_SineOnMidpointGrid_RmsIsTheL2NormExactly()
    {
        // The composite midpoint rule integrates sin²(πx) on [0, 1] exactly: RMS = sqrt(1/2); max = sin(π/2 ± h/2·π).
        const int n = 1000;
        var r = Enumerable.Range(0, n).Select(i => Math.Sin(Math.PI * (i + 0.5) / n)).ToArray();
        var norms = ResidualNorms.Compute("pde", r);
        Assert.Equal(Math.Sqrt(0.5), norms.Rms, 1e-14);
        Assert.Equal(Math.Sin(Math.PI * 499.5 / n), norms.Max, 15);
        Assert.Equal("pde", norms.Term);
        Assert.StartsWith("pde: RMS = 7.071e-01", norms.ToString());
    }

    [Fact]
    public void ResidualNorms_SineSquaredOnClosedGrid_IsBiasedByTheFactorOfTheRule()
    {
        // Equal weights on n closed points: mean sin²(πxᵢ) = (n − 1)/(2n), not 1/2 (first order, see ErrorNorms).
        const int n = 50;
        var r = Enumerable.Range(0, n).Select(i => Math.Sin(Math.PI * i / (n - 1))).ToArray();
        Assert.Equal(Math.Sqrt((n - 1.0) / (2.0 * n)), ErrorNorms.Residual("pde", r).Rms, 1e-14);
    }

    [Fact]
    public void H1Seminorm_ExactGradientZero_ReportsAbsoluteAndSaysSo()
    {
        var report = ErrorNorms.H1Seminorm(new double[,] { { 3, 4 }, { 0, 0 } }, new double[2, 2]);
        Assert.True(report.ExactIsZero);
        Assert.Equal(5, report.Relative, 14);
        Assert.Equal(5 / Math.Sqrt(2), report.Absolute, 14);
        Assert.Contains("absolute", report.ToString());
    }

    [Fact]
    public void H1Seminorm_NaN_PropagatesWithoutThrowing()
    {
        var report = ErrorNorms.H1Seminorm(new double[,] { { double.NaN, 1 } }, new double[,] { { 1, 1 } });
        Assert.True(double.IsNaN(report.Relative) && double.IsNaN(report.Absolute));
    }

    [Fact]
    public void H1SeminormAndResidual_BadShapes_Throw()
    {
        Assert.Throws<ArgumentException>(() => ErrorNorms.H1Seminorm(new double[3, 2], new double[3, 1]));
        Assert.Throws<ArgumentException>(() => ErrorNorms.H1Seminorm(new double[2, 2], new double[3, 2]));
        Assert.Throws<ArgumentException>(() => ErrorNorms.H1Seminorm(new double[0, 2], new double[0, 2]));
        Assert.Throws<ArgumentException>(() => ResidualNorms.Compute("pde", []));
        Assert.Throws<ArgumentException>(() => ResidualNorms.Compute("", [1.0]));
    }

    private static Gen<double> Finite() => Gen.Choose(-100_000, 100_000).Select(i => i / 1000.0);

    [Property(MaxTest = 100)]
    public Property H1Seminorm_IsANorm_ZeroSymmetricAndHomogeneous(PositiveInt points, PositiveInt dimension, int seed)
    {
        int n = 1 + points.Get % 20, d = 1 + dimension.Get % 4;
        var random = new Random(seed);
        double[,] Draw()
        {
            var a = new double[n, d];
            for (var i = 0; i < n; i++)
            {
                for (var k = 0; k < d; k++)
                {
                    a[i, k] = random.NextDouble() * 4 - 2;
                }
            }
            return a;
        }
        var (exact, other) = (Draw(), Draw());
        var scale = 0.5 + random.NextDouble() * 10;
        var scaled = new double[n, d];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < d; k++)
            {
                scaled[i, k] = exact[i, k] + scale * (other[i, k] - exact[i, k]);
            }
        }
        var zero = ErrorNorms.H1Seminorm(exact, exact).Absolute;
        var forward = ErrorNorms.H1Seminorm(other, exact).Absolute;
        var backward = ErrorNorms.H1Seminorm(exact, other).Absolute;
        var homogeneous = ErrorNorms.H1Seminorm(scaled, exact).Absolute;
        return (zero == 0 && Math.Abs(forward - backward) <= 1e-12 * forward
                && Math.Abs(homogeneous - scale * forward) <= 1e-12 * homogeneous)
            .Label($"zero {zero}, forward {forward}, backward {backward}, scaled {homogeneous} vs {scale * forward}");
    }

    [Property(MaxTest = 100)]
    public Property ResidualNorms_RmsAtMostMaxAtMostRootNTimesRms(NonEmptyArray<int> raw)
    {
        var r = raw.Get.Select(i => i / 97.0).ToArray();
        var norms = ResidualNorms.Compute("t", r);
        var n = r.Length;
        return (norms.Rms <= norms.Max * (1 + 1e-15) && norms.Max <= Math.Sqrt(n) * norms.Rms * (1 + 1e-15) + 1e-300
                && Math.Abs(norms.Rms - Math.Sqrt(r.Sum(v => v * v) / n)) <= 1e-12 * (norms.Rms + 1e-300))
            .Label($"rms {norms.Rms}, max {norms.Max}, n {n}");
    }
}
