using Pinn.Physics;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace Pinn.Problems.Tests;

public class BurgersReferenceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(5)]
    [InlineData(40)]
    [InlineData(150)]
    public void GaussHermite_IntegratesEvenMonomials_Exactly(int count)
    {
        var rule = new GaussHermite(count);
        var w = rule.Weights.ToArray();
        // ∫ z^{2k} e^{−z²} dz = Γ(k + ½) = √π (2k−1)!! / 2^k, exact for 2k ≤ 2·count − 1.
        double moment = Math.Sqrt(Math.PI);
        for (int k = 0; 2 * k <= Math.Min(2 * count - 1, 20); k++)
        {
            double sum = w.Select((wi, i) => wi * Math.Pow(rule.Nodes[i], 2 * k)).Sum();
            Assert.True(Math.Abs(sum - moment) <= 1e-13 * moment, $"n = {count}, k = {k}: {sum} vs {moment}");
            moment *= (2 * k + 1) / 2.0;
        }
        Assert.True(rule.Nodes.Zip(rule.Nodes.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void GaussHermite_FarWeights_HaveRelativeAccuracy()
    {
        // The largest node of the 2-point rule is 1/√2 with weight √π/2; for n = 3: √(3/2), √π/6.
        var three = new GaussHermite(3);
        Assert.Equal(Math.Sqrt(1.5), three.Nodes[2], 14);
        Assert.Equal(Math.Log(Math.Sqrt(Math.PI) / 6), three.LogWeights[2], 13);
        // n = 150: the outermost weight is ~e^{−z²} tiny; the log must still be finite and consistent with the sum rule.
        var rule = new GaussHermite(150);
        Assert.All(rule.LogWeights, lw => Assert.True(double.IsFinite(lw)));
        Assert.True(rule.LogWeights[^1] < -250);
    }

    [Fact]
    public void ColeHopf_SteepestSlope_MatchesBasdevant()
    {
        // Basdevant et al. (1986): max |u_x| at x = 0 is 152.00516, reached at t = 1.6037/π.
        using var scope = NewDisposeScope();
        var p = tensor(new double[,] { { 0, 1.6037 / Math.PI } }, dtype: ScalarType.Float64);
        var field = new Field(new AutogradSource(Burgers.Exact, p), timeIndex: 1);
        double slope = field.D(0).item<double>();
        output.WriteLine($"u_x(0, 1.6037/π) = {slope:R}");
        Assert.True(Math.Abs(slope + 152.00516) < 2e-5, $"u_x = {slope}");
    }

    [Fact]
    public void ColeHopf_MoreNodes_ChangeNothing()
    {
        using var scope = NewDisposeScope();
        var p = Domain.SpaceTime(Domain.Box((-1, 1)), (0, 1)).EvaluationPoints(4000);
        var fewer = new ColeHopf(Burgers.Viscosity, 100).Evaluate(p);
        double diff = (fewer - Burgers.Exact(p)).abs().max().item<double>();
        output.WriteLine($"100 vs 150 nodes: max diff {diff:E2}");
        Assert.True(diff < 1e-13);
    }

    [Fact]
    public void ColeHopf_AtTimeZero_IsTheInitialDataAndOdd()
    {
        using var scope = NewDisposeScope();
        var p = tensor(new double[,] { { 0.3, 0 }, { -0.3, 0.7 }, { 0.3, 0.7 }, { 1, 0.5 } }, dtype: ScalarType.Float64);
        var u = Burgers.Exact(p);
        Assert.Equal(-Math.Sin(0.3 * Math.PI), u[0].item<double>(), 15);
        Assert.Equal(-u[1].item<double>(), u[2].item<double>(), 14);
        Assert.True(Math.Abs(u[3].item<double>()) < 1e-14);
    }

    [Theory]
    [InlineData("burgers_raissi.h5", 1e-9, 1e-10)]   // full grid measured 4.2e-11 / 2.9e-12
    [InlineData("burgers.h5", 1e-3, 1e-4)]          // jaxpi's numerical grid: full grid measured 5.5e-4 / 4.0e-5
    public void ColeHopf_AgreesWithLiteratureGrid(string file, double maxTolerance, double relativeTolerance)
    {
        var grid = ReferenceSlice.Load(file);
        using var scope = NewDisposeScope();
        var (max, rel) = grid.Compare(Burgers.Exact(grid.Points()));
        output.WriteLine($"{file} (every {grid.Stride}th point): max |diff| = {max:E2}, rel. L2 = {rel:E2}");
        Assert.True(max < maxTolerance && rel < relativeTolerance, $"{file}: max {max:E2}, rel {rel:E2}");
    }

    [Fact]
    public void JaxpiGrid_DiffersFromColeHopf_ByAboutFourTimesTenToTheMinusFive()
    {
        // The jaxpi file's values are themselves off: errors below ~1e-4 must be measured against Cole-Hopf at its
        // points, never against its values (TARGETS.md). The slice shows the same 4.0e-5 as the full grid.
        var grid = ReferenceSlice.Load("burgers.h5");
        using var scope = NewDisposeScope();
        var (_, rel) = grid.Compare(Burgers.Exact(grid.Points()));
        Assert.InRange(rel, 2e-5, 8e-5);
    }
}
