using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class SgdTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Step_Quadratic_LossFiniteAndGapShrinks(bool nesterov)
    {
        using var quadratic = new ConvexQuadratic(10, 5, 100);
        using var theta = torch.zeros(10, ScalarType.Float64);
        using var sgd = new Sgd(new SgdOptions { LearningRate = 0.01, Nesterov = nesterov });
        var optimum = quadratic.Value(quadratic.Solution);

        var results = OptimizerRun.Run(sgd, quadratic, theta, maxSteps: 400);

        Assert.All(results, r => Assert.True(double.IsFinite(r.Loss) && r.Stop == StopReason.None));
        var initialGap = results[0].Loss - optimum;
        var finalGap = quadratic.Value(theta) - optimum;
        Assert.True(finalGap < 1e-2 * initialGap, $"gap {initialGap:G3} → {finalGap:G3}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Step_Rosenbrock_LossFiniteAndDecreasing(bool nesterov)
    {
        var rosenbrock = new RosenbrockObjective(2);
        using var theta = RosenbrockObjective.Start(2);
        using var sgd = new Sgd(new SgdOptions { LearningRate = 1e-4, Nesterov = nesterov });

        var results = OptimizerRun.Run(sgd, rosenbrock, theta, maxSteps: 500);

        Assert.All(results, r => Assert.True(double.IsFinite(r.Loss)));
        Assert.True(rosenbrock.Value(theta) < 0.2 * results[0].Loss, $"{results[0].Loss:G3} → {rosenbrock.Value(theta):G3}");
    }

    [Fact]
    public void Step_TwoSteps_FollowHeavyBallRecursion()
    {
        // b₁ = g₀, θ₁ = θ₀ − η g₀; b₂ = μ g₀ + g₁, θ₂ = θ₁ − η b₂.
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(5, 4, 10);
        var theta = torch.zeros(5, ScalarType.Float64);
        using var sgd = new Sgd(new SgdOptions { LearningRate = 0.1, Momentum = 0.5 });
        var g0 = quadratic.Gradient(theta);
        var theta1 = -0.1 * g0;
        var g1 = quadratic.Gradient(theta1);
        var theta2 = theta1 - 0.1 * (0.5 * g0 + g1);

        sgd.Step(quadratic, theta);
        Assert.True((theta - theta1).abs().max().item<double>() < 1e-15);
        sgd.Step(quadratic, theta);
        Assert.True((theta - theta2).abs().max().item<double>() < 1e-14);
    }

    [Fact]
    public void Step_NesterovFirstStep_UsesLookAheadGradient()
    {
        // b₁ = g₀, update g₀ + μ b₁ = (1 + μ) g₀.
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(5, 4, 10);
        var theta = torch.zeros(5, ScalarType.Float64);
        using var sgd = new Sgd(new SgdOptions { LearningRate = 0.1, Momentum = 0.5, Nesterov = true });
        var g0 = quadratic.Gradient(theta);

        var result = sgd.Step(quadratic, theta);

        Assert.True((theta + 0.1 * 1.5 * g0).abs().max().item<double>() < 1e-15);
        Assert.Equal(torch.linalg.vector_norm(g0).item<double>(), result.GradientNorm, 12);
    }

    [Fact]
    public void Step_NonFiniteLoss_LeavesThetaUnchangedAndReportsNonFinite()
    {
        using var scope = torch.NewDisposeScope();
        var broken = new FunctionObjective(3, _ => double.PositiveInfinity, t => torch.ones_like(t));
        var theta = torch.tensor(new[] { 1.0, 2.0, 3.0 }, ScalarType.Float64);
        using var sgd = new Sgd();

        var result = sgd.Step(broken, theta);

        Assert.Equal(StopReason.NonFinite, result.Stop);
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, theta.data<double>().ToArray());
        Assert.Equal(0, sgd.StepCount);
    }

    [Fact]
    public void Step_InvalidTheta_ThrowsArgumentException()
    {
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(4, 1, 10);
        using var sgd = new Sgd();

        Assert.Throws<ArgumentException>(() => sgd.Step(quadratic, torch.zeros(4, ScalarType.Float32)));
        Assert.Throws<ArgumentException>(() => sgd.Step(quadratic, torch.zeros(4, 1, ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => sgd.Step(quadratic, torch.zeros(3, ScalarType.Float64)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(new SgdOptions { Momentum = -0.1 }));
    }
}
