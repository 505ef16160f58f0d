using Pinn.Physics;
using Pinn.Solver.Engine;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>Pools of candidate points and the draws of adaptive sampling (RAD, RAR-D, vRBA).</summary>
public class PointPoolTests
{
    private static readonly Box Square = new((0, 1), (0, 1));

    [Fact]
    public void WeightedDraw_DistinctIndicesAvoidingExcludedAndZeroWeights()
    {
        var weights = Enumerable.Range(0, 50).Select(i => i % 5 == 0 ? 0.0 : 1.0 + i).ToArray();
        var draw = PointPool.WeightedDraw(weights, 20, new Random(1), exclude: [1, 2, 3]);
        Assert.Equal(20, draw.Length);
        Assert.Equal(20, draw.Distinct().Count());
        Assert.DoesNotContain(draw, i => i is 1 or 2 or 3 || i % 5 == 0);
        Assert.Equal(draw, PointPool.WeightedDraw(weights, 20, new Random(1), exclude: [1, 2, 3]));   // seeded: reproducible
    }

    [Fact]
    public void WeightedDraw_FavoursHeavyCandidatesInProportion()
    {
        // Two halves, weights 1 and 9: drawing one point many times picks the heavy half about 90 % of the time.
        var weights = Enumerable.Range(0, 100).Select(i => i < 50 ? 1.0 : 9.0).ToArray();
        var random = new Random(7);
        int heavy = Enumerable.Range(0, 4000).Count(_ => PointPool.WeightedDraw(weights, 1, random, null)[0] >= 50);
        Assert.InRange(heavy / 4000.0, 0.88, 0.92);
    }

    [Fact]
    public void Rad_FirstBatchIsThePoolStart_ThenConcentratesWhereTheResidualIs()
    {
        using var scope = NewDisposeScope();
        using var pool = new PointPool(AdaptiveSampling.Parse("rad:pool=2000:k=2:c=0"), Square, 200, seed: 0, term: 0);
        Assert.Equal(Enumerable.Range(0, 200), pool.Batch);
        var x = pool.Candidates.select(1, 0).data<double>().ToArray();
        var magnitudes = x.Select(v => v < 0.1 ? 1.0 : 1e-3).ToArray();   // the residual lives on x < 0.1
        pool.Draw(magnitudes);
        Assert.Equal(200, pool.Batch.Count);
        Assert.Equal(200, pool.Batch.Distinct().Count());
        Assert.True(pool.Batch.Count(i => x[i] < 0.1) >= 190, "RAD with k = 2, c = 0 puts nearly every point where the residual is");
    }

    [Fact]
    public void RarD_AddsPointsAndKeepsTheBatch_GrowthRaisesTheSize()
    {
        using var scope = NewDisposeScope();
        using var rar = new PointPool(AdaptiveSampling.Parse("rar-d:pool=1000:add=30"), Square, 100, seed: 2, term: 0);
        var first = rar.Batch.ToArray();
        rar.Draw(Enumerable.Repeat(1.0, 1000).ToArray());
        Assert.Equal(130, rar.Batch.Count);
        Assert.Equal(first, rar.Batch.Take(100));
        Assert.Equal(130, rar.Batch.Distinct().Count());

        using var growing = new PointPool(AdaptiveSampling.Parse("rad:pool=1000:grow=2:gap=2:max=300"), Square, 100, seed: 2, term: 0);
        var m = Enumerable.Range(0, 1000).Select(i => i < 100 ? 0.1 : 1.0).ToArray();   // the batch fits 10× better than the pool
        growing.Draw(m);
        Assert.Equal(200, growing.Batch.Count);
        growing.Draw(Enumerable.Repeat(1.0, 1000).ToArray());   // no gap: the size stays
        Assert.Equal(200, growing.Batch.Count);
    }

    [Fact]
    public void Vrba_DensityFromAttentionOnThePool_SaveAndLoadRestoreTheState()
    {
        using var scope = NewDisposeScope();
        var settings = AdaptiveSampling.Parse("vrba:pool=500");
        using var pool = new PointPool(settings, Square, 50, seed: 4, term: 1);
        var magnitudes = Enumerable.Range(0, 500).Select(i => i % 7 == 0 ? 2.0 : 0.01).ToArray();
        pool.Draw(magnitudes);
        // First update: q = 3^{|r|/max − 1}, λ = 0.1 + 0.9 q, so the large residuals are 2.5 times as likely (uniform: 50/7 ≈ 7).
        Assert.InRange(pool.Batch.Count(i => i % 7 == 0), 11, 25);
        var state = new Optimizers.OptimizerState("adaptive");
        pool.Save(state, "t.");
        using var copy = new PointPool(settings, Square, 50, seed: 4, term: 1);
        copy.Load(state, "t.");
        Assert.Equal(pool.Batch, copy.Batch);
        Assert.Equal(pool.Density!.Values, copy.Density!.Values);
        pool.Draw(magnitudes);
        copy.Draw(magnitudes);
        Assert.Equal(pool.Batch, copy.Batch);
    }

    [Theory]
    [InlineData("rad:pool=100000:every=500:k=1:c=1")]
    [InlineData("rar-d:pool=5000:add=7:pool-sampling=uniform")]
    [InlineData("vrba:every=100:decay=0.2:rate=0.8")]
    [InlineData("rad:grow=2:gap=3:max=20000")]
    public void Parse_ToString_RoundTrips(string text)
    {
        var settings = AdaptiveSampling.Parse(text);
        Assert.Equal(settings, AdaptiveSampling.Parse(settings.ToString()));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("rad:pool=0")]
    [InlineData("rad:pool=99999999")]
    [InlineData("rad:every=0")]
    [InlineData("rad:k=-1")]
    [InlineData("rad:grow=0.5")]
    [InlineData("rad:pool-sampling=grid")]
    [InlineData("rad:size=3")]
    public void Parse_BadSpec_OneLineArgumentError(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => AdaptiveSampling.Parse(text));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("--adaptive", e.Message);
    }

    [Fact]
    public void Pool_SmallerThanTheBatch_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new PointPool(AdaptiveSampling.Parse("rad:pool=10"), Square, 20, 0, 0));
}
