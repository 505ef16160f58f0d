using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class StrongWolfeLineSearchTests
{
    private const double C1 = 1e-4;
    private const double C2 = 0.9;

    [Property(MaxTest = 40)]
    public Property Search_RandomQuadraticSteepestDescent_SatisfiesBothWolfeConditions()
    {
        var cases =
            from dimension in Gen.Choose(2, 30)
            from seed in Gen.Choose(0, int.MaxValue)
            from decades in Gen.Choose(0, 40)
            from stepExponent in Gen.Choose(-6, 3)
            select (dimension, seed, condition: Math.Pow(10, decades / 10.0), initialStep: Math.Pow(10, stepExponent));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var scope = torch.NewDisposeScope();
            using var quadratic = new ConvexQuadratic(c.dimension, c.seed, c.condition);
            var theta = torch.zeros(c.dimension, ScalarType.Float64);
            var (loss, gradient) = quadratic.ValueAndGradient(theta);
            var direction = gradient.neg();

            using var result = new StrongWolfeLineSearch().Search(quadratic, theta, loss, gradient, direction, c.initialStep);

            return (result.Outcome == LineSearchOutcome.StrongWolfe && SatisfiesStrongWolfe(quadratic, theta, loss, gradient, direction, result))
                .Label($"n={c.dimension} κ={c.condition:G3} α₀={c.initialStep:G3}: {result.Outcome} {result.Message}");
        });
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(1e-3)]
    [InlineData(1.0)]
    [InlineData(10.0)]
    public void Search_RosenbrockSteepestDescent_SatisfiesBothWolfeConditions(double initialStep)
    {
        using var scope = torch.NewDisposeScope();
        var rosenbrock = new RosenbrockObjective(2);
        var theta = RosenbrockObjective.Start(2);
        var (loss, gradient) = rosenbrock.ValueAndGradient(theta);
        var direction = gradient.neg();

        using var result = new StrongWolfeLineSearch().Search(rosenbrock, theta, loss, gradient, direction, initialStep);

        Assert.Equal(result.Evaluations, rosenbrock.Evaluations - 1);
        Assert.True(result.Evaluations <= 25);
        Assert.Equal(LineSearchOutcome.StrongWolfe, result.Outcome);
        Assert.True(SatisfiesStrongWolfe(rosenbrock, theta, loss, gradient, direction, result), result.Message);
    }

    [Fact]
    public void Search_RosenbrockRandomDescentDirections_SatisfyBothWolfeConditions()
    {
        var random = new Random(3);
        var rosenbrock = new RosenbrockObjective(10);
        for (var trial = 0; trial < 20; trial++)
        {
            using var scope = torch.NewDisposeScope();
            var theta = torch.tensor(Enumerable.Range(0, 10).Select(_ => 2 * random.NextDouble() - 0.5).ToArray(), ScalarType.Float64);
            var (loss, gradient) = rosenbrock.ValueAndGradient(theta);
            var direction = torch.tensor(Enumerable.Range(0, 10).Select(_ => random.NextDouble() - 0.5).ToArray(), ScalarType.Float64);
            if (gradient.dot(direction).item<double>() > 0) direction = direction.neg();

            using var result = new StrongWolfeLineSearch().Search(rosenbrock, theta, loss, gradient, direction, 1.0);

            Assert.Equal(LineSearchOutcome.StrongWolfe, result.Outcome);
            Assert.True(SatisfiesStrongWolfe(rosenbrock, theta, loss, gradient, direction, result), result.Message);
        }
    }

    [Fact]
    public void Search_AscentDirection_ReturnsNotDescentDirectionWithoutEvaluating()
    {
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(5, 1, 10);
        var theta = torch.zeros(5, ScalarType.Float64);
        var (loss, gradient) = quadratic.ValueAndGradient(theta);

        using var result = new StrongWolfeLineSearch().Search(quadratic, theta, loss, gradient, gradient, 1.0);

        Assert.Equal(LineSearchOutcome.NotDescentDirection, result.Outcome);
        Assert.False(result.Accepted);
        Assert.Equal(0, result.Evaluations);
        Assert.Null(result.Point);
    }

    [Fact]
    public void Search_LossConstantButGradientSaysDescent_ReportsLossResolutionWithinBudget()
    {
        using var scope = torch.NewDisposeScope();
        var flat = new FunctionObjective(3, _ => 1.0, t => torch.ones_like(t));
        var theta = torch.zeros(3, ScalarType.Float64);
        var gradient = torch.ones(3, ScalarType.Float64);

        using var result = new StrongWolfeLineSearch().Search(flat, theta, 1.0, gradient, gradient.neg(), 1.0);

        Assert.Equal(LineSearchOutcome.LossResolution, result.Outcome);
        Assert.False(result.Accepted);
        Assert.True(result.Evaluations <= 25, $"{result.Evaluations} evaluations");
    }

    [Fact]
    public void Search_EveryStepIncreasesLoss_StopsWithoutAcceptingWithinBudget()
    {
        using var scope = torch.NewDisposeScope();
        // A kink at 0: any move raises the loss by one, yet the gradient reported at 0 promises descent.
        var kink = new FunctionObjective(2,
            t => t.abs().max().item<double>() == 0 ? 0.0 : 1.0,
            t => t.abs().max().item<double>() == 0 ? torch.ones_like(t) : t.sign());
        var theta = torch.zeros(2, ScalarType.Float64);
        var gradient = torch.ones(2, ScalarType.Float64);

        using var result = new StrongWolfeLineSearch().Search(kink, theta, 0.0, gradient, gradient.neg(), 1.0);

        Assert.False(result.Accepted);
        Assert.Contains(result.Outcome, new[] { LineSearchOutcome.StepResolution, LineSearchOutcome.EvaluationLimit });
        Assert.True(result.Evaluations <= 25, $"{result.Evaluations} evaluations");
        Assert.Equal(0.0, result.Loss);
    }

    [Fact]
    public void Search_NonFiniteBeyondTheInitialStep_BacktracksToAFiniteWolfeStep()
    {
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(4, 11, 10);
        var guarded = new FunctionObjective(4,
            t => t.abs().max().item<double>() > 3 ? double.NaN : quadratic.Value(t),
            t => t.abs().max().item<double>() > 3 ? torch.full_like(t, double.NaN) : quadratic.Gradient(t));
        var theta = torch.zeros(4, ScalarType.Float64);
        var (loss, gradient) = guarded.ValueAndGradient(theta);
        var direction = gradient.neg();

        using var result = new StrongWolfeLineSearch().Search(guarded, theta, loss, gradient, direction, 1e6);

        Assert.True(result.Accepted, result.Message);
        Assert.True(double.IsFinite(result.Loss));
        Assert.True(SatisfiesStrongWolfe(guarded, theta, loss, gradient, direction, result), result.Message);
    }

    [Fact]
    public void Search_InvalidArguments_ThrowArgumentException()
    {
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(3, 1, 10);
        var search = new StrongWolfeLineSearch();
        var theta = torch.zeros(3, ScalarType.Float64);
        var (loss, gradient) = quadratic.ValueAndGradient(theta);

        Assert.Throws<ArgumentException>(() => search.Search(quadratic, theta, loss, gradient, torch.ones(4, ScalarType.Float64), 1));
        Assert.Throws<ArgumentException>(() => search.Search(quadratic, theta, loss, gradient, torch.ones(3, ScalarType.Float32), 1));
        Assert.Throws<ArgumentException>(() => search.Search(quadratic, theta.reshape(1, 3), loss, gradient, gradient.neg(), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => search.Search(quadratic, theta, loss, gradient, gradient.neg(), 0));
        Assert.Throws<ArgumentException>(() => search.Search(quadratic, theta, double.NaN, gradient, gradient.neg(), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StrongWolfeLineSearch(new StrongWolfeOptions { SufficientDecrease = 0.95 }));
    }

    /// <summary>Re-evaluates the objective at the returned step and checks both strong Wolfe conditions.</summary>
    private static bool SatisfiesStrongWolfe(IObjective objective, Tensor theta, double loss, Tensor gradient, Tensor direction, LineSearchResult result)
    {
        using var scope = torch.NewDisposeScope();
        if (!result.Accepted || !(result.Step > 0)) return false;
        var slope0 = gradient.dot(direction).item<double>();
        var expected = theta + result.Step * direction;
        var scale = 1 + expected.abs().max().item<double>();
        var onTheLine = (expected - result.Point!).abs().max().item<double>() <= 1e-14 * scale;
        var (lossAtStep, gradientAtStep) = objective.ValueAndGradient(result.Point!);
        var slope = gradientAtStep.dot(direction).item<double>();
        return onTheLine
            && lossAtStep == result.Loss
            && lossAtStep <= loss + C1 * result.Step * slope0
            && Math.Abs(slope) <= C2 * Math.Abs(slope0);
    }
}
