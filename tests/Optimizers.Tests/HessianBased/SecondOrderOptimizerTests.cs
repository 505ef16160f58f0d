using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

/// <summary>NNCG, Hessian-free, AdaHessian and Sophia: reduction on a parabola and Rosenbrock, checkpoints, failures.</summary>
public class SecondOrderOptimizerTests
{
    [Theory]
    [InlineData("nncg:5", 1e-20)]
    [InlineData("hessian-free:40", 1e-12)]
    [InlineData("adahessian:300", 1e-2)]
    [InlineData("sophia:300:lr=0.02:every=2", 1e-2)]
    public void Step_ConvexQuadratic_ReducesTheGapToTheMinimum(string spec, double factor)
    {
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(20, 11, 100);
        var minimum = quadratic.Value(quadratic.Solution);
        var theta = torch.zeros(20, ScalarType.Float64);
        var start = quadratic.Value(theta) - minimum;
        var phase = Assert.Single(OptimizerSpec.Parse(spec));
        using var optimizer = OptimizerCatalog.Default.Create(phase);

        var results = OptimizerRun.Run(optimizer, quadratic, theta, phase.Steps);

        var gap = quadratic.Value(theta) - minimum;
        Assert.True(gap <= factor * start, $"{spec}: gap {gap:G3} from {start:G3} after {results.Count} steps ({results[^1].Stop} {results[^1].Message})");
        Assert.All(results, r => Assert.True(double.IsFinite(r.Loss)));
    }

    [Theory]
    [InlineData("nncg:100", 2, 1e-8)]
    [InlineData("nncg:200", 3, 1e-8)]
    [InlineData("hessian-free:300:curvature=hessian", 2, 1e-5)]
    public void Step_Rosenbrock_ConvergesToOnes(string spec, int dimension, double tolerance)
    {
        var rosenbrock = new RosenbrockObjective(dimension);
        using var theta = RosenbrockObjective.Start(dimension);
        using var ones = torch.ones(dimension, ScalarType.Float64);
        var phase = Assert.Single(OptimizerSpec.Parse(spec));
        using var optimizer = OptimizerCatalog.Default.Create(phase);

        var results = OptimizerRun.Run(optimizer, rosenbrock, theta, phase.Steps);

        Assert.True(OptimizerRun.MaxDistance(theta, ones) <= tolerance,
            $"{spec}: |θ − 1|∞ = {OptimizerRun.MaxDistance(theta, ones):G3} after {results.Count} steps ({results[^1].Stop} {results[^1].Message})");
    }

    [Fact]
    public void Step_HessianFreeOnRosenbrockResiduals_ConvergesToOnesWithGaussNewton()
    {
        var rosenbrock = new RosenbrockResiduals(4);
        using var theta = RosenbrockObjective.Start(4);
        using var ones = torch.ones(4, ScalarType.Float64);
        using var optimizer = new HessianFree();

        var results = OptimizerRun.Run(optimizer, rosenbrock, theta, 300);

        Assert.True(OptimizerRun.MaxDistance(theta, ones) <= 1e-6, $"|θ − 1|∞ = {OptimizerRun.MaxDistance(theta, ones):G3} after {results.Count} steps");
    }

    [Theory]
    [InlineData("adahessian:1000:lr=0.1", 4)]
    [InlineData("sophia:1000:lr=0.01:every=2", 10)]
    public void Step_Rosenbrock_LowersTheLoss(string spec, double factor)
    {
        var rosenbrock = new RosenbrockObjective(2);
        using var theta = RosenbrockObjective.Start(2);
        var start = rosenbrock.Value(theta);
        var phase = Assert.Single(OptimizerSpec.Parse(spec));
        using var optimizer = OptimizerCatalog.Default.Create(phase);

        var results = OptimizerRun.Run(optimizer, rosenbrock, theta, phase.Steps);

        var loss = rosenbrock.Value(theta);
        Assert.True(loss <= start / factor, $"{spec}: loss {loss:G3} from {start:G3} ({results[^1].Stop} {results[^1].Message})");
    }

    [Theory]
    [InlineData("nncg:rank=4:refresh=3")]
    [InlineData("hessian-free:cg-iters=5")]
    [InlineData("adahessian:lr=0.05")]
    [InlineData("sophia:lr=0.01:every=3")]
    public void SaveState_LoadIntoAFreshOptimizer_ContinuesBitForBit(string spec)
    {
        using var scope = torch.NewDisposeScope();
        using var fit = new TanhModelResiduals(residuals: 30, hidden: 12, parameters: 20, seed: 17, noise: 0.5, perturbation: 1);
        var phase = Assert.Single(OptimizerSpec.Parse(spec));
        var theta = fit.Start.clone();
        using var original = OptimizerCatalog.Default.Create(phase);
        OptimizerRun.Run(original, fit, theta, 5);
        var state = ((ICheckpointable)original).SaveState();
        using var resumed = OptimizerCatalog.Default.Create(phase);
        ((ICheckpointable)resumed).LoadState(state);
        var copy = theta.clone();

        var first = OptimizerRun.Run(original, fit, theta, 7);
        var second = OptimizerRun.Run(resumed, fit, copy, 7);

        Assert.True(theta.eq(copy).all().item<bool>(), $"{spec}: θ differs by {OptimizerRun.MaxDistance(theta, copy):G3}");
        Assert.Equal(first.Select(r => r.Loss), second.Select(r => r.Loss));
        Assert.Throws<InvalidDataException>(() => ((ICheckpointable)resumed).LoadState(new OptimizerState("adam")));
    }

    [Theory]
    [InlineData("nncg")]
    [InlineData("hessian-free")]
    [InlineData("adahessian")]
    [InlineData("sophia")]
    public void Step_NonFiniteLoss_ReportsNonFiniteAndLeavesThetaUnchanged(string spec)
    {
        using var scope = torch.NewDisposeScope();
        var objective = new NotANumberObjective();
        var theta = torch.ones(3, ScalarType.Float64);
        using var optimizer = OptimizerCatalog.Default.Create(Assert.Single(OptimizerSpec.Parse(spec)));

        var result = optimizer.Step(objective, theta);

        Assert.Equal(StopReason.NonFinite, result.Stop);
        Assert.True(theta.eq(1).all().item<bool>());
    }

    [Theory]
    [InlineData("nncg")]
    [InlineData("hessian-free")]
    [InlineData("adahessian")]
    [InlineData("sophia")]
    public void Step_ObjectiveWithoutHessianProducts_ThrowsAOneLineArgumentException(string spec)
    {
        using var theta = torch.zeros(2, ScalarType.Float64);
        var plain = new FunctionObjective(2, x => 0.0, x => torch.zeros_like(x));
        using var optimizer = OptimizerCatalog.Default.Create(Assert.Single(OptimizerSpec.Parse(spec)));

        var error = Assert.Throws<ArgumentException>(() => optimizer.Step(plain, theta));
        Assert.Contains("ITwiceDifferentiableObjective", error.Message);
    }

    [Fact]
    public void Nncg_IndefiniteSaddle_StillDescends()
    {
        // f = ½(x² − y²) + ¼y⁴ at (1, 0.1): H = diag(1, −1 + 3y²) is indefinite; CG must not step uphill.
        using var scope = torch.NewDisposeScope();
        var objective = new SaddleObjective();
        var theta = torch.tensor(new[] { 1.0, 0.1 }, ScalarType.Float64);
        using var nncg = new Nncg(new NncgOptions { Rank = 2 });
        var start = objective.Value(theta);

        var results = OptimizerRun.Run(nncg, objective, theta, 30);

        Assert.All(results.Skip(1), r => Assert.True(r.Loss <= start));
        Assert.True(objective.Value(theta) < -0.2, $"f = {objective.Value(theta):G6} (minimum −0.25 at y = ±1)");
    }

    [Fact]
    public void Catalog_Defaults_MatchTheOptionsRecords()
    {
        var catalog = OptimizerCatalog.Default;
        IOptimizer Create(string name) => catalog.Create(new OptimizerPhase(name, 1, new Dictionary<string, string>()));
        using var nncg = (Nncg)Create("nncg");
        using var hessianFree = (HessianFree)Create("hessian-free");
        using var adaHessian = (AdaHessian)Create("adahessian");
        using var sophia = (Sophia)Create("sophia");

        Assert.Equal(new NncgOptions(), nncg.Options);
        Assert.Equal(new HessianFreeOptions(), hessianFree.Options);
        Assert.Equal(new AdaHessianOptions(), adaHessian.Options);
        Assert.Equal(new SophiaOptions(), sophia.Options);
        Assert.Equal((60, 20, 1e-16, 1000, 0.1, 0.5), (nncg.Options.Rank, nncg.Options.Refresh, nncg.Options.CgTolerance, nncg.Options.CgIterations, nncg.Options.ArmijoConstant, nncg.Options.BacktrackFactor));
        Assert.Equal((0.15, 0.9, 0.999, 1e-4, 1.0), (adaHessian.Options.LearningRate, adaHessian.Options.Beta1, adaHessian.Options.Beta2, adaHessian.Options.Epsilon, adaHessian.Options.HessianPower));
        Assert.Equal((0.965, 0.99, 10), (sophia.Options.Beta1, sophia.Options.Beta2, sophia.Options.HessianInterval));
    }

    private sealed class NotANumberObjective : ITwiceDifferentiableObjective
    {
        public long ParameterCount => 3;

        public double Value(Tensor theta) => double.NaN;

        public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta) => (double.NaN, torch.full(3, double.NaN, ScalarType.Float64));

        public SecondOrderExpansion Expand(Tensor theta) => SecondOrderExpansion.Autograd(theta, x => x.dot(x).mul(double.NaN));
    }

    private sealed class SaddleObjective : ITwiceDifferentiableObjective
    {
        public long ParameterCount => 2;

        public double Value(Tensor theta)
        {
            using var scope = torch.NewDisposeScope();
            return Loss(theta).item<double>();
        }

        public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta)
        {
            using var expansion = Expand(theta);
            return (expansion.Loss, expansion.Gradient.clone());
        }

        public SecondOrderExpansion Expand(Tensor theta) => SecondOrderExpansion.Autograd(theta, Loss);

        private static Tensor Loss(Tensor x) => 0.5 * (x[0].square() - x[1].square()) + 0.25 * x[1].pow(4);
    }
}
