using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Solver.Engine;

namespace Pinn.Solver.Tests;

/// <summary>Residual-based attention multipliers (RBA, vRBA): targets, the update rule, its bounds and its options.</summary>
public class AttentionWeightsTests
{
    [Property(MaxTest = 200)]
    public Property Targets_InUnitIntervalWithTheLargestResidualAtOne(NormalFloat[] raw, PositiveInt update, bool vrba)
    {
        var magnitudes = raw.Select(r => r.Get).ToArray();
        var q = AttentionWeights.Targets(vrba ? AttentionVariant.Vrba : AttentionVariant.Rba, magnitudes, update.Get);
        bool bounded = q.All(v => v > 0 || (!vrba && v == 0)) && q.All(v => v <= 1);
        bool top = magnitudes.Length == 0 || q.Max() == 1.0;
        return (bounded && top).ToProperty().Label($"q = [{string.Join(", ", q)}]");
    }

    [Fact]
    public void Targets_MatchTheDefinitions()
    {
        Assert.Equal([0.25, 1.0, 0.5], AttentionWeights.Targets(AttentionVariant.Rba, [1.0, -4.0, 2.0], 7));
        // vRBA at update k: (k + 2)^{|r|/max|r| − 1}
        var q = AttentionWeights.Targets(AttentionVariant.Vrba, [1.0, -4.0, 2.0], 7);
        Assert.Equal(Math.Pow(9, -0.75), q[0], 14);
        Assert.Equal(1.0, q[1]);
        Assert.Equal(Math.Pow(9, -0.5), q[2], 14);
        Assert.All(AttentionWeights.Targets(AttentionVariant.Vrba, [0.0, 0.0], 1), v => Assert.Equal(1.0, v));   // no residual: no preference
    }

    [Property(MaxTest = 100)]
    public Property Update_StaysPositiveAndBelowTheNaturalBoundOrTheCap(NormalFloat[][] snapshots, bool vrba, bool capped)
    {
        var rows = snapshots.Where(s => s.Length == 5).ToArray();
        var settings = new ResidualAttention(vrba ? AttentionVariant.Vrba : AttentionVariant.Rba, Decay: 0.9, Rate: 0.5, Cap: capped ? 2.0 : double.PositiveInfinity);
        var weights = new AttentionWeights(5, settings.Initial);
        foreach (var r in rows) weights.Update(settings, r.Select(x => x.Get).ToArray());
        double bound = capped ? 2.0 : Math.Max(settings.Initial, settings.Rate / (1 - settings.Decay));
        return (weights.Values.All(v => v > 0 && v <= bound + 1e-12) && weights.Updates == rows.Length).ToProperty();
    }

    [Fact]
    public void Update_WithIndices_MovesOnlyThoseCandidates()
    {
        var settings = new ResidualAttention(AttentionVariant.Rba, Decay: 0.5, Rate: 1.0, Initial: 1.0);
        var weights = new AttentionWeights(4, settings.Initial);
        weights.Update(settings, [2.0, 1.0], [3, 1]);
        Assert.Equal([1.0, 0.5 + 0.5, 1.0, 0.5 + 1.0], weights.Values);
        Assert.Throws<ArgumentException>(() => weights.Update(settings, [1.0], [0, 1]));
        Assert.Throws<InvalidDataException>(() => weights.Load([1.0, 2.0, double.NaN, 1.0], 3));
    }

    [Theory]
    [InlineData("rba")]
    [InlineData("vrba:decay=0.99:rate=0.05:cap=20:init=1:every=10:phases=1")]
    [InlineData("vrba:phases=2-")]
    [InlineData("rba:phases=1-3")]
    public void Parse_ToString_RoundTrips(string text)
    {
        var settings = ResidualAttention.Parse(text);
        Assert.Equal(settings, ResidualAttention.Parse(settings.ToString()));
    }

    [Theory]
    [InlineData("gaussian")]
    [InlineData("vrba:decay=1")]
    [InlineData("vrba:rate=0")]
    [InlineData("vrba:every=0")]
    [InlineData("vrba:phases=2-1")]
    [InlineData("vrba:colour=red")]
    [InlineData("vrba:decay")]
    public void Parse_BadSpec_OneLineArgumentError(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => ResidualAttention.Parse(text));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("--rba", e.Message);
    }

    [Fact]
    public void Weighs_FollowsThePhaseRange()
    {
        var settings = ResidualAttention.Parse("vrba:phases=2-3");
        Assert.Equal([false, true, true, false], Enumerable.Range(0, 4).Select(settings.Weighs));
    }
}
