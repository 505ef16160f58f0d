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
            using var quadratic = new QuadraticObjective(c.dimension, c.seed, c.condition);
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
}
