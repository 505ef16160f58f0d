using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Solver.Singularity;

namespace Pinn.Solver.Tests;

public class HilbertTransformTests
{
    private static double MaxError(double[] a, Func<double, double> exact, double[] y) =>
        y.Select((v, k) => Math.Abs(a[k] - exact(v))).Max();

    [Theory]
    [InlineData(16)]
    [InlineData(256)]
    public void PoissonKernel_TransformsToConjugatePoissonKernel(int n)
    {
        var (y, h) = HilbertTransform.Apply(v => 1 / (1 + v * v), n);
        Assert.True(MaxError(h, v => v / (1 + v * v), y) <= 1e-15, $"n = {n}");
    }

    [Fact]
    public void ConjugatePoissonKernel_TransformsToMinusPoissonKernel()
    {
        var (y, h) = HilbertTransform.Apply(v => v / (1 + v * v), 64);
        Assert.True(MaxError(h, v => -1 / (1 + v * v), y) <= 1e-15);
    }

    [Fact]
    public void ConstantAtInfinity_HasNoTransform()
    {
        // f = 2 + 1/(1+y²) − its limit 2 at infinity: H f = H[1/(1+y²)].
        var (y, h) = HilbertTransform.Apply(v => 2 + 1 / (1 + v * v), 64, atInfinity: 2);
        Assert.True(MaxError(h, v => v / (1 + v * v), y) <= 1e-14);
    }

    /// <summary>H[a/((y−c)² + a²)] = (y − c)/((y − c)² + a²) for a &gt; 0 (scaling and translation commute with H).</summary>
    [Property(MaxTest = 40)]
    public Property ScaledShiftedPoissonKernels_MatchTheirClosedForm(PositiveInt rawScale, int rawShift)
    {
        double a = 0.25 + (rawScale.Get % 200) / 40.0;            // a ∈ [0.25, 5.2]
        double c = (rawShift % 300) / 100.0;                        // c ∈ (−3, 3)
        var (y, h) = HilbertTransform.Apply(v => a / ((v - c) * (v - c) + a * a), 4096);
        double error = MaxError(h, v => (v - c) / ((v - c) * (v - c) + a * a), y);
        return (error <= 1e-13 * Math.Max(1, 1 / a)).Label($"a = {a}, c = {c}: {error:E2}");
    }

    /// <summary>H is linear and anti-involutive: H[Hf] = −f for f decaying at infinity with mean zero and Hf decaying.</summary>
    [Property(MaxTest = 20)]
    public Property TwiceApplied_IsMinusIdentity(PositiveInt rawScale, int rawShift)
    {
        double a = 0.5 + (rawScale.Get % 100) / 40.0;
        double c = (rawShift % 200) / 100.0;
        int n = 2048;
        var (y, h) = HilbertTransform.Apply(v => (v - c) / ((v - c) * (v - c) + a * a), n);
        var hh = HilbertTransform.Apply(h);
        double error = y.Select((v, k) => Math.Abs(hh[k] + (v - c) / ((v - c) * (v - c) + a * a))).Max();
        return (error <= 1e-13).Label($"a = {a}, c = {c}: {error:E2}");
    }

    [Fact]
    public void ShiftedKernel_ConvergesGeometricallyToRoundOff()
    {
        const double a = 0.3, c = 1.7;
        var errors = new[] { 32, 64, 128, 256, 512, 1024 }.Select(n =>
        {
            var (y, h) = HilbertTransform.Apply(v => a / ((v - c) * (v - c) + a * a), n);
            return MaxError(h, v => (v - c) / ((v - c) * (v - c) + a * a), y);
        }).ToArray();
        for (int k = 1; k < 4; k++) Assert.True(errors[k] < 0.5 * errors[k - 1], string.Join(", ", errors.Select(e => e.ToString("E2"))));
        Assert.True(errors[^1] <= 1e-13, string.Join(", ", errors.Select(e => e.ToString("E2"))));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(100)]
    public void Grid_NotAPowerOfTwo_Throws(int n) => Assert.Throws<ArgumentOutOfRangeException>(() => HilbertTransform.Grid(n));
}
