using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class AdamTests
{
    [Fact]
    public void Step_Quadratic_LossFiniteAndGapShrinks()
    {
        using var quadratic = new ConvexQuadratic(10, 5, 100);
        using var theta = torch.zeros(10, ScalarType.Float64);
        using var adam = new Adam(new AdamOptions { LearningRate = 0.05 });
        var optimum = quadratic.Value(quadratic.Solution);

        var results = OptimizerRun.Run(adam, quadratic, theta, maxSteps: 400);

        Assert.All(results, r => Assert.True(double.IsFinite(r.Loss) && r.Stop == StopReason.None));
        var initialGap = results[0].Loss - optimum;
        var finalGap = quadratic.Value(theta) - optimum;
        Assert.True(finalGap < 1e-2 * initialGap, $"gap {initialGap:G3} → {finalGap:G3}");
    }

    [Fact]
    public void Step_Rosenbrock_LossFiniteAndDecreasing()
    {
        var rosenbrock = new RosenbrockObjective(2);
        using var theta = RosenbrockObjective.Start(2);
        using var adam = new Adam(new AdamOptions { LearningRate = 0.02 });

        var results = OptimizerRun.Run(adam, rosenbrock, theta, maxSteps: 500);

        Assert.All(results, r => Assert.True(double.IsFinite(r.Loss)));
        Assert.True(rosenbrock.Value(theta) < 0.1 * results[0].Loss, $"{results[0].Loss:G3} → {rosenbrock.Value(theta):G3}");
    }

    [Fact]
    public void Step_FirstStep_MovesEveryCoordinateByTheLearningRateAgainstTheGradientSign()
    {
        // With bias correction, m̂₁ = g and v̂₁ = g², so the first step is −α g / (|g| + ε) ≈ −α sign(g).
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(6, 2, 10);
        var theta = torch.zeros(6, ScalarType.Float64);
        var gradient = quadratic.Gradient(theta);
        using var adam = new Adam(new AdamOptions { LearningRate = 0.1 });

        var result = adam.Step(quadratic, theta);

        var expected = -0.1 * gradient / (gradient.abs() + 1e-8);
        Assert.True((theta - expected).abs().max().item<double>() < 1e-15);
        Assert.Equal(quadratic.Value(torch.zeros(6, ScalarType.Float64)), result.Loss);
        Assert.Equal(torch.linalg.vector_norm(gradient).item<double>(), result.GradientNorm, 12);
        Assert.Equal(1, result.Evaluations);
        Assert.Equal(1, adam.StepCount);
    }

    [Fact]
    public void Step_NonFiniteLoss_LeavesThetaUnchangedAndReportsNonFinite()
    {
        using var scope = torch.NewDisposeScope();
        var broken = new FunctionObjective(3, _ => double.NaN, t => torch.ones_like(t));
        var theta = torch.tensor(new[] { 1.0, 2.0, 3.0 }, ScalarType.Float64);
        using var adam = new Adam();

        var result = adam.Step(broken, theta);

        Assert.Equal(StopReason.NonFinite, result.Stop);
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, theta.data<double>().ToArray());
        Assert.Equal(0, adam.StepCount);
    }

    [Fact]
    public void Step_NonFiniteGradient_LeavesThetaUnchangedAndReportsNonFinite()
    {
        using var scope = torch.NewDisposeScope();
        var broken = new FunctionObjective(2, _ => 1.0, t => torch.full_like(t, double.PositiveInfinity));
        var theta = torch.tensor(new[] { 1.0, 2.0 }, ScalarType.Float64);
        using var adam = new Adam();

        var result = adam.Step(broken, theta);

        Assert.Equal(StopReason.NonFinite, result.Stop);
        Assert.Equal(new[] { 1.0, 2.0 }, theta.data<double>().ToArray());
    }

    [Fact]
    public void Step_InvalidTheta_ThrowsArgumentException()
    {
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(4, 1, 10);
        using var adam = new Adam();

        Assert.Throws<ArgumentException>(() => adam.Step(quadratic, torch.zeros(4, ScalarType.Float32)));
        Assert.Throws<ArgumentException>(() => adam.Step(quadratic, torch.zeros(2, 2, ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => adam.Step(quadratic, torch.zeros(5, ScalarType.Float64)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(new AdamOptions { Beta1 = 1.0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(new AdamOptions { LearningRate = -1 }));
    }

    [Fact]
    public void Step_ThetaOfAnotherLength_ThrowsUntilReset()
    {
        using var scope = torch.NewDisposeScope();
        using var small = new ConvexQuadratic(3, 1, 10);
        using var large = new ConvexQuadratic(4, 1, 10);
        using var adam = new Adam();
        adam.Step(small, torch.zeros(3, ScalarType.Float64));

        Assert.Throws<ArgumentException>(() => adam.Step(large, torch.zeros(4, ScalarType.Float64)));
        adam.Reset();
        Assert.Equal(StopReason.None, adam.Step(large, torch.zeros(4, ScalarType.Float64)).Stop);
    }
}
