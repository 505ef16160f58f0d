using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class EngdNystromTests
{
    [Theory]
    [InlineData(12, 30, 0.0)]   // P > M, zero-residual fit
    [InlineData(40, 10, 0.5)]   // P < M, nonzero residual
    public void Step_TanhModel_ReducesTheLossLikeEngd(int residuals, int parameters, double noise)
    {
        using var problem = new TanhModelResiduals(residuals, hidden: 8, parameters, seed: 5, noise: noise);
        double Run(string spec)
        {
            using var theta = problem.Start.clone();
            using var optimizer = OptimizerCatalog.Default.Create(Assert.Single(OptimizerSpec.Parse(spec)));
            OptimizerRun.Run(optimizer, problem, theta, maxSteps: 60);
            return problem.Value(theta);
        }

        var engd = Run("engd");
        var nystrom = Run("engd-nystrom:rank=6");
        var start = problem.Value(problem.Start);

        Assert.True(nystrom <= Math.Max(engd, 1e-20) * (1 + 1e-6) + 1e-20,
            $"M = {residuals}, P = {parameters}: start {start:G6}, engd {engd:G6}, engd-nystrom {nystrom:G6}");
    }

    [Property(MaxTest = 20)]
    public Property Direction_SmallProblem_MatchesTheExactDampedDirectionToTheCgTolerance()
    {
        var cases =
            from rows in Gen.Choose(3, 30)
            from columns in Gen.Choose(3, 30)
            from rank in Gen.Choose(1, 10)
            from dampingExponent in Gen.Choose(-4, 0)
            from seed in Gen.Choose(0, int.MaxValue)
            select (rows, columns, rank, damping: Math.Pow(10, dampingExponent), seed);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var scope = torch.NewDisposeScope();
            var random = new Random(c.seed);
            var jacobian = GaussianTensors.Gaussian(random, c.rows, c.columns);
            var residuals = GaussianTensors.Gaussian(random, c.rows);
            const double tolerance = 1e-10;

            var (exact, _) = Engd.Direction(residuals, jacobian, c.damping);
            var (direction, report) = EngdNystrom.Direction(residuals, jacobian, c.damping,
                new EngdNystromOptions { Rank = c.rank, CgTolerance = tolerance, Seed = c.seed });

            var singular = torch.linalg.svdvals(jacobian);
            var largest = Math.Pow(singular.max().item<double>(), 2) + c.damping;
            var smallest = (c.rows >= c.columns ? Math.Pow(singular.min().item<double>(), 2) : 0) + c.damping;
            var error = (direction - exact).norm().item<double>() / exact.norm().item<double>();
            return (report.Succeeded && report.RelativeResidual <= 1.01 * tolerance && error <= 2 * tolerance * largest / smallest)
                .Label($"{c}: ‖d − d*‖/‖d*‖ = {error:G3}, κ = {largest / smallest:G3}; {report.Exit} after {report.Iterations}: {report.Message}");
        });
    }

    [Fact]
    public void Constructor_ZeroDampingOrMovingAverage_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngdNystrom(new GramianOptions { Damping = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngdNystrom(EngdNystrom.DefaultOptions with { MovingAverage = 0.3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngdNystrom(solver: new EngdNystromOptions { Rank = 0 }));
    }

    [Fact]
    public void Catalog_EngdNystromWithOptions_AppliesEveryOption()
    {
        var phase = Assert.Single(OptimizerCatalog.Default.Parse("engd-nystrom:10:damping=1e-6:grid=12:rank=7:refresh=3:cg-tol=1e-8:cg-iters=50"));

        using var optimizer = Assert.IsType<EngdNystrom>(OptimizerCatalog.Default.Create(phase));

        Assert.Equal(EngdNystrom.DefaultOptions with { Damping = 1e-6, GridExponents = 12 }, optimizer.Options);
        Assert.Equal(new EngdNystromOptions { Rank = 7, Refresh = 3, CgTolerance = 1e-8, CgIterations = 50 }, optimizer.Solver);
        using var defaults = Assert.IsType<EngdNystrom>(OptimizerCatalog.Default.Create(new OptimizerPhase("engd-nystrom", 1, new Dictionary<string, string>())));
        Assert.Equal(EngdNystrom.DefaultOptions, defaults.Options);
        Assert.Equal(new EngdNystromOptions(), defaults.Solver);
    }

    [Fact]
    public void Step_RefreshEveryThreeSteps_StillConverges()
    {
        using var problem = new TanhModelResiduals(residuals: 12, hidden: 8, parameters: 30, seed: 5);
        using var theta = problem.Start.clone();
        using var optimizer = new EngdNystrom(solver: new EngdNystromOptions { Rank = 4, Refresh = 3 });

        var results = OptimizerRun.Run(optimizer, problem, theta, maxSteps: 60);

        var loss = problem.Value(theta);
        Assert.True(loss <= 1e-20, $"loss {loss:G3} after {results.Count} steps; last: {results[^1].Stop} {results[^1].Message}");
    }
}
