using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Physics;
using Pinn.Problems;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>Causal weighting (Wang, Sankaran, Perdikaris 2024): the weights and the weighted objective every optimizer sees.</summary>
public class CausalWeightsTests
{
    // heat1d with a 10 × 10 interior grid: time nodes (k+1)/11, two per chunk for M = 5 (20 points each).
    private static Problem Heat() => new Heat1d().Create(new ProblemOptions(100, 20));

    private static Mlp Net(Problem problem) =>
        new(new MlpOptions(2, [8], Seed: 4), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);

    private static double[] Values(Tensor t) => t.detach().cpu().data<double>().ToArray();

    [Property(MaxTest = 200)]
    public Property FromLosses_FirstIsOneAndNonIncreasingInChunk(NonNegativeInt[] raw, NonNegativeInt steepness)
    {
        var losses = raw.Select(r => r.Get / 7.0).ToArray();
        var weights = CausalWeights.FromLosses(losses, steepness.Get / 3.0);
        bool first = weights.Length == 0 || weights[0] == 1.0;
        bool monotone = weights.Zip(weights.Skip(1)).All(p => p.Second <= p.First);
        bool bounded = weights.All(w => w >= 0 && w <= 1);
        return (first && monotone && bounded).ToProperty();
    }

    [Fact]
    public void FromLosses_MatchesTheDefinition()
    {
        var w = CausalWeights.FromLosses([0.5, 1.0, 0.25, 2.0], 2.0);
        Assert.Equal([1.0, Math.Exp(-1.0), Math.Exp(-3.0), Math.Exp(-3.5)], w);
        Assert.All(CausalWeights.FromLosses([double.PositiveInfinity, 1.0], 0.0), x => Assert.Equal(1.0, x));   // ε = 0: ones, never 0·∞
    }

    [Fact]
    public void ZeroSteepness_ObjectiveEqualsUnweightedBitwise()
    {
        using var scope = NewDisposeScope();
        var problem = Heat();
        using var net = Net(problem);
        using var plain = new PinnObjective(problem, net);
        using var causal = new PinnObjective(problem, net, causal: new CausalWeighting(0, 5));
        var theta = net.Parameters;
        causal.UpdateCausalWeights(theta);

        Assert.Equal(plain.Value(theta), causal.Value(theta));
        var (l1, g1) = plain.ValueAndGradient(theta);
        var (l2, g2) = causal.ValueAndGradient(theta);
        Assert.Equal(l1, l2);
        Assert.Equal(Values(g1), Values(g2));
        Assert.Equal(Values(plain.Residuals(theta)), Values(causal.Residuals(theta)));
        var (r1, j1) = plain.ResidualsAndJacobian(theta);
        var (r2, j2) = causal.ResidualsAndJacobian(theta);
        Assert.Equal(Values(r1), Values(r2));
        Assert.Equal(Values(j1), Values(j2));
        var k1 = plain.KroneckerFactors(theta);
        var k2 = causal.KroneckerFactors(theta);
        Assert.Equal(k1.Loss, k2.Loss);
        Assert.Equal(Values(k1.Gradient), Values(k2.Gradient));
        Assert.Equal(1.0, causal.CausalMinWeight);
    }

    [Fact]
    public void Loss_EqualsHandComputedMeanOfWeightedChunkLosses()
    {
        using var scope = NewDisposeScope();
        var problem = Heat();
        using var net = Net(problem);
        const double steepness = 0.7;
        const int chunks = 5;
        using var objective = new PinnObjective(problem, net, causal: new CausalWeighting(steepness, chunks));
        using var plain = new PinnObjective(problem, net);
        var theta = net.Parameters;
        objective.UpdateCausalWeights(theta);
        var weights = objective.CausalWeightsOf(0)!;
        Assert.Equal(Enumerable.Repeat(20, chunks), weights.ChunkCounts);

        // By hand: Lᵢ = mean r² over the points with t in [i/M, (i+1)/M), wᵢ = exp(−ε Σ_{k<i} Lₖ), loss (1/M) Σ wᵢ Lᵢ.
        var r = Values(objective.TermResidual(theta, 0));
        var t = Values(objective.Terms[0].Points.select(1, 1));
        var losses = new double[chunks];
        for (int i = 0; i < chunks; i++)
        {
            var inChunk = Enumerable.Range(0, r.Length).Where(n => Math.Min(chunks - 1, (int)(t[n] * chunks)) == i).ToArray();
            losses[i] = inChunk.Average(n => r[n] * r[n]);
        }
        double past = 0, expected = 0;
        for (int i = 0; i < chunks; i++)
        {
            double w = Math.Exp(-steepness * past);
            Assert.Equal(w, weights.Weights[i], 1e-14);
            expected += w * losses[i] / chunks;
            past += losses[i];
        }
        Assert.True(weights.Weights[^1] < 1);
        Assert.Equal(weights.Weights[^1], objective.CausalMinWeight);

        objective.Value(theta);
        plain.Value(theta);
        Assert.Equal(expected, objective.LastTermLosses[0], 1e-14 * expected);
        Assert.Equal(plain.LastTermLosses.Skip(1), objective.LastTermLosses.Skip(1));   // the conditions are not weighted
    }

    [Fact]
    public void WeightedObjective_GradientIsTwiceJacobianTransposeResiduals_AndKfacAgrees()
    {
        using var scope = NewDisposeScope();
        var problem = Heat();
        using var net = Net(problem);
        using var objective = new PinnObjective(problem, net, causal: new CausalWeighting(2.0, 5));
        var theta = net.Parameters.detach().clone();
        objective.UpdateCausalWeights(theta);
        var moved = theta + 0.01 * randn(theta.shape[0], dtype: ScalarType.Float64, generator: new TorchSharp.torch.Generator(3));   // weights stay those of θ

        foreach (var at in new[] { theta, moved })
        {
            var (loss, gradient) = objective.ValueAndGradient(at);
            var (r, j) = objective.ResidualsAndJacobian(at);
            Assert.Equal(loss, r.dot(r).item<double>(), 1e-13 * loss);
            Assert.Equal(loss, objective.Residuals(at).dot(objective.Residuals(at)).item<double>(), 1e-13 * loss);
            var gaussNewton = 2 * j.t().mv(r);
            Assert.True(((gradient - gaussNewton).abs().max() / gradient.abs().max()).item<double>() < 1e-12);
            var kfac = objective.KroneckerFactors(at);
            Assert.Equal(loss, kfac.Loss, 1e-13 * loss);
            Assert.True(((kfac.Gradient - gradient).abs().max() / gradient.abs().max()).item<double>() < 1e-12);
        }
    }

    [Fact]
    public void WeightedGradient_MatchesCentralFiniteDifferencesWithWeightsFrozen()
    {
        using var scope = NewDisposeScope();
        var problem = Heat();
        using var net = Net(problem);
        using var objective = new PinnObjective(problem, net, causal: new CausalWeighting(5.0, 5));
        var theta = net.Parameters.detach().clone();
        objective.UpdateCausalWeights(theta);
        Assert.True(objective.CausalMinWeight < 0.9, "the weights must matter for this check");
        GradientCheck.MatchesCentralDifferences(objective, theta, 0, 5, 11, theta.shape[0] - 1);
    }

    [Fact]
    public void Revision_ChangesOnlyWithTheWeights_AndDependsOnlyOnThem()
    {
        using var scope = NewDisposeScope();
        var problem = Heat();
        using var net = Net(problem);
        using var a = new PinnObjective(problem, net, causal: new CausalWeighting(1.0, 5));
        using var b = new PinnObjective(problem, net, causal: new CausalWeighting(1.0, 5));
        var theta = net.Parameters.detach().clone();
        long initial = a.Revision;
        a.UpdateCausalWeights(theta);
        long updated = a.Revision;
        Assert.NotEqual(initial, updated);
        a.UpdateCausalWeights(theta);
        Assert.Equal(updated, a.Revision);                 // same θ, same weights: cached linearisations stay valid
        b.UpdateCausalWeights(theta);
        Assert.Equal(updated, b.Revision);                 // a fresh objective with the same weights: the same revision (resume)
        Assert.InRange(updated, 0, (1L << 52) - 1);        // exact as the float64 optimizer states store it
        a.UpdateCausalWeights(theta * 1.01);
        Assert.NotEqual(updated, a.Revision);
        Assert.Equal(0, a.PointsRevision);
    }

    [Fact]
    public void Resample_ReassignsChunksAndKeepsTheWeights()
    {
        using var scope = NewDisposeScope();
        var problem = Heat().WithSample("pde", Sample.Uniform(200));
        using var net = Net(problem);
        using var objective = new PinnObjective(problem, net, causal: new CausalWeighting(1.0, 4));
        objective.UpdateCausalWeights(net.Parameters);
        var before = objective.CausalWeightsOf(0)!.Weights.ToArray();
        long revision = objective.Revision;
        objective.Resample();
        var weights = objective.CausalWeightsOf(0)!;
        Assert.Equal(before, weights.Weights);
        Assert.Equal(200, weights.ChunkCounts.Sum());
        Assert.NotEqual(revision, objective.Revision);
        var t = Values(objective.Terms[0].Points.select(1, 1));
        var scales = Values(weights.RowScales);
        for (int n = 0; n < t.Length; n++)
            Assert.Equal(Math.Sqrt(before[CausalWeights.ChunkOf(t[n], 0, 1, 4)]), scales[n]);
    }

    [Fact]
    public void Constructor_SteadyProblem_Throws()
    {
        var problem = new Poisson2d().Create(new ProblemOptions(16, 8));
        using var net = new Mlp(new MlpOptions(2, [4]));
        var e = Assert.Throws<ArgumentException>(() => new PinnObjective(problem, net, causal: new CausalWeighting()));
        Assert.Contains("time", e.Message);
    }

    [Theory]
    [InlineData("1", 1.0, 32, 1)]
    [InlineData("0.1:16", 0.1, 16, 1)]
    [InlineData("10:8:50", 10.0, 8, 50)]
    public void Parse_ValidSpecs(string text, double steepness, int chunks, int every)
    {
        var c = CausalWeighting.Parse(text);
        Assert.Equal((steepness, chunks, every), (c.Steepness, c.Chunks, c.UpdateEvery));
        Assert.Equal(c, CausalWeighting.Parse(c.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("nan")]
    [InlineData("1:0")]
    [InlineData("1:4:0")]
    [InlineData("1:4:2:3")]
    [InlineData("1:x")]
    public void Parse_BadSpecs_Throw(string text) => Assert.Throws<ArgumentException>(() => CausalWeighting.Parse(text));
}
