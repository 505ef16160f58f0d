using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class GridLineSearchTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(17)]
    public void Search_ParabolaWithMinimumOnTheGrid_LandsOnIt(int exponent)
    {
        // f(θ) = (θ − 2⁻ᵏ)², d = 1 from θ = 0: the grid holds the minimiser exactly.
        var target = Math.ScaleB(1.0, -exponent);
        var objective = Parabola(target);
        using var theta = torch.zeros(1, ScalarType.Float64);
        using var direction = torch.ones(1, ScalarType.Float64);

        var result = new GridLineSearch().Search(objective, theta, target * target, direction);

        Assert.True(result.Accepted);
        Assert.Equal(exponent, result.Exponent);
        Assert.Equal(target, result.Step);
        Assert.Equal(0, result.Loss);
        Assert.Equal(target, theta.item<double>());
        Assert.True(result.Evaluations <= exponent + 3, $"{result.Evaluations} evaluations");
    }

    [Property(MaxTest = 50)]
    public Property Search_EarlyStopOnQuadratic_PicksTheSameStepAsTheFullScan()
    {
        var cases =
            from dimension in Gen.Choose(1, 20)
            from seed in Gen.Choose(0, int.MaxValue)
            from decades in Gen.Choose(0, 6)
            from scaleExponent in Gen.Choose(-8, 8)
            select (dimension, seed, condition: Math.Pow(10, decades), scale: Math.Pow(2, scaleExponent));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var quadratic = new ConvexQuadratic(c.dimension, c.seed, c.condition);
            using var scope = torch.NewDisposeScope();
            var start = torch.zeros(c.dimension, ScalarType.Float64);
            var (loss, gradient) = quadratic.ValueAndGradient(start);
            var direction = gradient.neg().mul_(c.scale);
            var early = start.clone();
            var full = start.clone();

            var a = new GridLineSearch().Search(quadratic, early, loss, direction);
            var b = new GridLineSearch(earlyStop: false).Search(quadratic, full, loss, direction);

            return (a.Accepted && b.Accepted && a.Exponent == b.Exponent && a.Loss == b.Loss && early.eq(full).all().item<bool>()
                    && b.Evaluations == 31 && a.Evaluations <= b.Evaluations)
                .Label($"{c}: early {a.Message}; full {b.Message}");
        });
    }

    [Fact]
    public void Search_UphillDirection_ReportsFailureAndLeavesThetaUnchanged()
    {
        using var quadratic = new ConvexQuadratic(5, 1, 10);
        using var scope = torch.NewDisposeScope();
        var theta = torch.ones(5, ScalarType.Float64);
        var before = theta.clone();
        var (loss, gradient) = quadratic.ValueAndGradient(theta);

        var result = new GridLineSearch(maxExponent: 12).Search(quadratic, theta, loss, gradient);

        Assert.False(result.Accepted);
        Assert.Equal(-1, result.Exponent);
        Assert.Equal(0, result.Step);
        Assert.Equal(loss, result.Loss);
        Assert.Equal(13, result.Evaluations);
        Assert.True(result.LowestTrialLoss > loss);
        Assert.Contains("no step", result.Message);
        Assert.True(theta.eq(before).all().item<bool>());
    }

    [Fact]
    public void Search_NaNAndInfiniteLosses_CountAsInfinityAndSmallerStepsStillWin()
    {
        // Loss NaN for θ > 0.3 and +∞ for θ in (0.2, 0.3]: the first finite trial, η = 1/8, lowers the loss.
        var objective = new FunctionObjective(1,
            t => t.item<double>() switch { > 0.3 => double.NaN, > 0.2 => double.PositiveInfinity, var x => (x - 1) * (x - 1) },
            t => 2 * (t - 1));
        using var theta = torch.zeros(1, ScalarType.Float64);
        using var direction = torch.ones(1, ScalarType.Float64);

        var result = new GridLineSearch().Search(objective, theta, 1, direction);

        Assert.True(result.Accepted);
        Assert.Equal(3, result.Exponent);
        Assert.Equal(0.125, theta.item<double>());
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridLineSearch(-1));
        using var theta = torch.zeros(2, ScalarType.Float64);
        using var direction = torch.zeros(3, ScalarType.Float64);
        Assert.Throws<ArgumentException>(() => new GridLineSearch().Search(Parabola(1, 2), theta, 1, direction));
        Assert.Throws<ArgumentException>(() => new GridLineSearch().Search(Parabola(1, 2), theta, double.NaN, theta));
    }

    private static FunctionObjective Parabola(double target, int dimension = 1) =>
        new(dimension, t => { using var s = torch.NewDisposeScope(); return (t - target).square().sum().item<double>(); }, t => 2 * (t - target));
}
