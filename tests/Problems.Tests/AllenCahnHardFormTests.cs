using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Problems.Tests;

/// <summary>Allen–Cahn's hard-form offset A: the initial data at t = 0, its kink at x = ±1 smoothed away for t &gt; 0.</summary>
public class AllenCahnHardFormTests
{
    private static Tensor Points(double[] x, double t) =>
        tensor(x.SelectMany(v => new[] { v, t }).ToArray(), dtype: ScalarType.Float64).reshape(-1, 2);

    [Fact]
    public void Offset_AtTimeZero_IsTheInitialData()
    {
        using var scope = NewDisposeScope();
        var p = Points(Enumerable.Range(0, 101).Select(i => -1 + 0.02 * i).ToArray(), 0);
        var gap = (AllenCahn.HardOffset(p) - AllenCahnReference.Initial(p[.., 0])).abs().max().item<double>();
        Assert.True(gap <= 1e-15, $"max |A − u₀| at t = 0: {gap:E3}");
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(0.01)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    public void Offset_ForPositiveTime_HasNoSlopeJumpAcrossThePeriod(double t)
    {
        // The initial data's slopes at x = 1 and x = −1 are −2 and 2; A's are both 0, so its periodic extension is C¹.
        using var scope = NewDisposeScope();
        var p = Points([1, -1], t);
        var slopes = new AutogradSource(AllenCahn.HardOffset, p).First(0, 0).data<double>().ToArray();
        Assert.True(Math.Abs(slopes[0]) <= 1e-12 && Math.Abs(slopes[1]) <= 1e-12, $"A_x(±1, {t}) = {slopes[0]:E3}, {slopes[1]:E3}");
    }

    [Theory]
    [InlineData(0.005)]
    [InlineData(0.02)]
    [InlineData(0.1)]
    public void ReferenceMinusOffset_HasNoLayerAtThePeriodEnds(double t)
    {
        // u − u₀ bends sharply within √(4εt) of x = 1 (curvature ~ 4e^{−10t}/(√π σ)); u − A, what the network must
        // learn, is smooth there: its second differences stay O(1) to O(10).
        using var scope = NewDisposeScope();
        const double h = 5e-4;
        var x = Enumerable.Range(0, 41).Select(i => 1 - h * i).ToArray();
        var p = Points(x, t);
        var u = AllenCahnReference.Default.Evaluate(p);
        double Curvature(Tensor r)
        {
            var v = r.data<double>().ToArray();
            return Enumerable.Range(1, v.Length - 2).Max(i => Math.Abs(v[i - 1] - 2 * v[i] + v[i + 1]) / (h * h));
        }
        double remainder = Curvature(u - AllenCahn.HardOffset(p)), plain = Curvature(u - AllenCahnReference.Initial(p[.., 0]));
        Assert.True(remainder < 10, $"t = {t}: max |(u − A)''| = {remainder:E3}");
        Assert.True(plain > 100, $"t = {t}: max |(u − u₀)''| = {plain:E3} (the layer the offset removes)");
    }
}
