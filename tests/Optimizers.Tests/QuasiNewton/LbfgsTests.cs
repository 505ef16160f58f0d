using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class LbfgsTests
{
    [Property(MaxTest = 30)]
    public Property Step_RandomConvexQuadratic_ReachesGradientNormBelow1e10()
    {
        var cases =
            from dimension in Gen.Choose(2, 50)
            from seed in Gen.Choose(0, int.MaxValue)
            from decades in Gen.Choose(0, 40)
            select (dimension, seed, condition: Math.Pow(10, decades / 10.0));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var quadratic = new ConvexQuadratic(c.dimension, c.seed, c.condition);
            using var theta = torch.zeros(c.dimension, ScalarType.Float64);
            using var lbfgs = new Lbfgs();
            var results = OptimizerRun.Run(lbfgs, quadratic, theta, maxSteps: 20 * c.dimension + 50);
            var norm = OptimizerRun.GradientNorm(quadratic, theta);
            return (norm <= 1e-10 && results[^1].Stop == StopReason.GradientTolerance)
                .Label($"n={c.dimension} κ={c.condition:G3} steps={results.Count} ‖g‖={norm:G3} stop={results[^1].Stop} {results[^1].Message}");
        });
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public void Step_Rosenbrock_ConvergesToOnes(int dimension)
    {
        var rosenbrock = new RosenbrockObjective(dimension);
        using var theta = RosenbrockObjective.Start(dimension);
        using var ones = torch.ones(dimension, ScalarType.Float64);
        using var lbfgs = new Lbfgs();

        var results = OptimizerRun.Run(lbfgs, rosenbrock, theta, maxSteps: 500);

        Assert.Equal(StopReason.GradientTolerance, results[^1].Stop);
        Assert.True(OptimizerRun.GradientNorm(rosenbrock, theta) <= 1e-10, $"‖g‖ = {OptimizerRun.GradientNorm(rosenbrock, theta):G3} after {results.Count} steps");
        Assert.True(OptimizerRun.MaxDistance(theta, ones) <= 1e-8, $"|θ − 1|∞ = {OptimizerRun.MaxDistance(theta, ones):G3}");
    }

    [Fact]
    public void Step_EachCall_CostsOnlyItsCountedEvaluations()
    {
        using var quadratic = new ConvexQuadratic(20, 9, 1e3);
        using var theta = torch.zeros(20, ScalarType.Float64);
        using var lbfgs = new Lbfgs();

        var results = OptimizerRun.Run(lbfgs, quadratic, theta, maxSteps: 1000);

        Assert.Equal(StopReason.GradientTolerance, results[^1].Stop);
        Assert.Equal(quadratic.Evaluations, results.Sum(r => r.Evaluations));
        Assert.True(results.Skip(1).Average(r => r.Evaluations) < 1.5, "unit steps should mostly be accepted at once");
    }

    [Fact]
    public void Step_AfterStop_ReturnsTheSameStopWithoutChangingTheta()
    {
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(8, 3, 100);
        var theta = torch.zeros(8, ScalarType.Float64);
        using var lbfgs = new Lbfgs();
        var results = OptimizerRun.Run(lbfgs, quadratic, theta, maxSteps: 1000);
        var stop = results[^1];
        var converged = theta.clone();
        var evaluations = quadratic.Evaluations;

        var again = lbfgs.Step(quadratic, theta);

        Assert.Equal(StopReason.GradientTolerance, stop.Stop);
        Assert.Equal(stop.Stop, again.Stop);
        Assert.Equal(stop.Loss, again.Loss);
        Assert.Equal(stop.Message, again.Message);
        Assert.Equal(0, again.Evaluations);
        Assert.Equal(evaluations, quadratic.Evaluations);
        Assert.True(theta.eq(converged).all().item<bool>());
    }

    [Fact]
    public void Step_ThetaChangedByCaller_RecomputesAndConvergesAgain()
    {
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(8, 3, 100);
        var theta = torch.zeros(8, ScalarType.Float64);
        using var lbfgs = new Lbfgs();
        OptimizerRun.Run(lbfgs, quadratic, theta, maxSteps: 1000);
        Assert.Equal(StopReason.GradientTolerance, lbfgs.Stop);

        theta.fill_(1.0);
        var loss = quadratic.Value(theta);
        var first = lbfgs.Step(quadratic, theta);
        var rest = OptimizerRun.Run(lbfgs, quadratic, theta, maxSteps: 1000);

        Assert.Equal(StopReason.None, first.Stop);
        Assert.True(first.Evaluations >= 2, "a fresh start evaluates at the new θ, then line-searches");
        Assert.True(first.Loss < loss);
        Assert.Equal(StopReason.GradientTolerance, rest[^1].Stop);
        Assert.True(OptimizerRun.MaxDistance(theta, quadratic.Solution) < 1e-8);
    }

    [Fact]
    public void Step_AnotherObjective_StartsAfresh()
    {
        using var scope = torch.NewDisposeScope();
        using var a = new ConvexQuadratic(5, 1, 10);
        using var b = new ConvexQuadratic(5, 2, 10);
        var theta = torch.zeros(5, ScalarType.Float64);
        using var lbfgs = new Lbfgs();
        lbfgs.Step(a, theta);
        lbfgs.Step(a, theta);

        var switched = lbfgs.Step(b, theta);

        Assert.True(switched.Evaluations >= 2);
        Assert.Equal(1, lbfgs.HistoryCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Step_ObjectiveRevisionChanged_RecomputesInsteadOfUsingTheCachedGradient(bool keep)
    {
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(5, 1, 10);
        var shift = 0.0;
        var moving = new FunctionObjective(5, t => quadratic.Value(t) + shift * t.sum().item<double>(), t => quadratic.Gradient(t) + shift);
        var theta = torch.full(5, 3.0, ScalarType.Float64);
        using var lbfgs = new Lbfgs(new LbfgsOptions { KeepHistory = keep });
        for (int i = 0; i < 3; i++) lbfgs.Step(moving, theta);
        int pairs = lbfgs.HistoryCount;
        Assert.True(pairs >= 2);
        var evaluations = moving.Evaluations;

        shift = 1.0;
        moving.Revision++;
        var result = lbfgs.Step(moving, theta);

        Assert.True(result.Evaluations >= 2, "a new revision is evaluated afresh before the line search");
        Assert.Equal(evaluations + result.Evaluations, moving.Evaluations);
        if (keep) Assert.True(lbfgs.HistoryCount >= pairs, "keep: the pairs survive the change (one more when the step was accepted)");
        else Assert.Equal(1, lbfgs.HistoryCount);   // afresh: only the pair of this step
        Assert.Equal(moving.Value(theta), result.Loss);
    }

    [Fact]
    public void Step_StartAtMinimum_StopsWithGradientToleranceAndKeepsTheta()
    {
        using var scope = torch.NewDisposeScope();
        var rosenbrock = new RosenbrockObjective(4);
        var theta = torch.ones(4, ScalarType.Float64);
        using var lbfgs = new Lbfgs();

        var result = lbfgs.Step(rosenbrock, theta);

        Assert.Equal(StopReason.GradientTolerance, result.Stop);
        Assert.Equal(1, result.Evaluations);
        Assert.True(theta.eq(1.0).all().item<bool>());
    }

    [Fact]
    public void Step_NonFiniteStart_ReportsNonFinite()
    {
        using var scope = torch.NewDisposeScope();
        var broken = new FunctionObjective(2, _ => double.NaN, t => torch.ones_like(t));
        var theta = torch.zeros(2, ScalarType.Float64);
        using var lbfgs = new Lbfgs();

        Assert.Equal(StopReason.NonFinite, lbfgs.Step(broken, theta).Stop);
        Assert.True(theta.eq(0.0).all().item<bool>());
    }

    [Fact]
    public void Step_NoAcceptableStep_StopsWithAStatedReasonAndKeepsTheta()
    {
        using var scope = torch.NewDisposeScope();
        var kink = new FunctionObjective(2,
            t => t.abs().max().item<double>() == 0 ? 0.0 : 1.0,
            t => t.abs().max().item<double>() == 0 ? torch.ones_like(t) : t.sign());
        var theta = torch.zeros(2, ScalarType.Float64);
        using var lbfgs = new Lbfgs();

        var results = OptimizerRun.Run(lbfgs, kink, theta, maxSteps: 10);

        Assert.Single(results);
        Assert.Contains(results[0].Stop, new[] { StopReason.StepTolerance, StopReason.LineSearchFailed });
        Assert.False(string.IsNullOrEmpty(results[0].Message));
        Assert.True(theta.eq(0.0).all().item<bool>());
        Assert.True(results[0].Evaluations <= 1 + lbfgs.Options.MaxEvaluationsPerStep);
    }

    [Fact]
    public void Step_LossFlatAtFloat64Resolution_StopsWithFunctionTolerance()
    {
        using var scope = torch.NewDisposeScope();
        var flat = new FunctionObjective(3, _ => 1.0, t => torch.ones_like(t));
        var theta = torch.zeros(3, ScalarType.Float64);
        using var lbfgs = new Lbfgs();

        var results = OptimizerRun.Run(lbfgs, flat, theta, maxSteps: 10);

        Assert.Equal(StopReason.FunctionTolerance, results[^1].Stop);
        Assert.True(theta.eq(0.0).all().item<bool>());
    }

    [Fact]
    public void Step_GradientBelowFloat64Resolution_StopsWithAStatedReasonInsteadOfLooping()
    {
        // Minimum near 1e8·θ*: the gradient cannot be computed below ~1e-7 there, far above gtol = 1e-11.
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(20, 3, 1e3);
        var center = quadratic.Solution * 1e8;
        var far = new FunctionObjective(20, t => quadratic.Value(t - center), t => quadratic.Gradient(t - center));
        var theta = torch.zeros(20, ScalarType.Float64);
        using var lbfgs = new Lbfgs();

        var results = OptimizerRun.Run(lbfgs, far, theta, maxSteps: 2000);

        Assert.Contains(results[^1].Stop, new[] { StopReason.StepTolerance, StopReason.FunctionTolerance, StopReason.LineSearchFailed });
        Assert.True(results.Count < 500, $"{results.Count} steps");
        var error = OptimizerRun.MaxDistance(theta, center + quadratic.Solution);
        Assert.True(error <= 1e-12 * center.abs().max().item<double>(), $"|θ − θ*|∞ = {error:G3}, stop {results[^1].Stop}: {results[^1].Message}");
    }

    [Fact]
    public void Step_SmallHistory_KeepsAtMostThatManyPairs()
    {
        var rosenbrock = new RosenbrockObjective(6);
        using var theta = RosenbrockObjective.Start(6);
        using var lbfgs = new Lbfgs(new LbfgsOptions { History = 3 });
        var most = 0;
        for (var i = 0; i < 30; i++)
        {
            using var scope = torch.NewDisposeScope();
            lbfgs.Step(rosenbrock, theta);
            most = Math.Max(most, lbfgs.HistoryCount);
        }
        Assert.Equal(3, most);
    }

    [Fact]
    public void Step_InvalidTheta_ThrowsArgumentException()
    {
        using var scope = torch.NewDisposeScope();
        var rosenbrock = new RosenbrockObjective(3);
        using var lbfgs = new Lbfgs();

        Assert.Throws<ArgumentException>(() => lbfgs.Step(rosenbrock, torch.zeros(3, ScalarType.Float32)));
        Assert.Throws<ArgumentException>(() => lbfgs.Step(rosenbrock, torch.zeros(1, 3, ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => lbfgs.Step(rosenbrock, torch.zeros(4, ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => lbfgs.Step(rosenbrock, torch.zeros(0, ScalarType.Float64)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(new LbfgsOptions { History = 0 }));
    }
}
