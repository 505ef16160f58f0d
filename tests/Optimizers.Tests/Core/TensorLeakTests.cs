using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

/// <summary>Tests that count live tensors process-wide, so they run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(TensorCountCollection), DisableParallelization = true)]
public class TensorCountCollection;

[Collection(nameof(TensorCountCollection))]
public class TensorLeakTests
{
    [Theory]
    [InlineData("adam:50:lr=0.01")]
    [InlineData("sgd:50:lr=1e-3:nesterov=true")]
    [InlineData("lbfgs:50:history=5")]
    [InlineData("bfgs:50")]
    [InlineData("ssbfgs:50")]
    [InlineData("ssbroyden:50")]
    public void Step_InsideDisposeScope_LiveTensorCountConstantFromStep10To50(string spec)
    {
        using var quadratic = new ConvexQuadratic(60, 13, 1e6);
        AssertNoLeakFromStep10To50(spec, quadratic, torch.zeros(60, ScalarType.Float64));
    }

    [Theory]
    [InlineData("engd:50:ema=0.3")]
    [InlineData("engd-woodbury:50")]
    [InlineData("engd-nystrom:50:rank=8")]
    [InlineData("engd-nystrom:50:rank=8:refresh=3")]
    [InlineData("gauss-newton:50:damping=1e-6")]
    [InlineData("lm:50:geodesic=true")]
    [InlineData("lm:50:scaling=diagonal")]
    [InlineData("nncg:50:rank=4:refresh=3")]
    [InlineData("hessian-free:50")]
    [InlineData("adahessian:50")]
    [InlineData("sophia:50:every=3")]
    public void Step_LeastSquaresOptimizerInsideDisposeScope_LiveTensorCountConstantFromStep10To50(string spec)
    {
        // θ is jolted before every step, so that the fast-converging Gauss–Newton family keeps working
        // (and does not stop at the float64 limit) for all 50 steps.
        using var fit = Fit();
        AssertNoLeakFromStep10To50(spec, fit, fit.Start.clone(), jolt: true);
    }

    [Theory]
    [InlineData("soap:50:frequency=2")]
    [InlineData("shampoo:50:frequency=3")]
    [InlineData("muon:50:hidden-only=false")]
    public void Step_MatrixOptimizerOnShapedObjectiveInsideDisposeScope_LiveTensorCountConstantFromStep10To50(string spec)
    {
        using var fit = new MatrixRegression();
        AssertNoLeakFromStep10To50(spec, fit, fit.Start.clone());
    }

    [Fact]
    public void Dispose_MatrixOptimizersAfterShapedSteps_ReleaseTheirState()
    {
        using var fit = new MatrixRegression();
        using var theta = fit.Start.clone();
        var before = LiveTensors();

        foreach (var spec in new[] { "soap:5:frequency=2", "shampoo:5", "muon:5:hidden-only=false" })
        {
            var phase = OptimizerSpec.Parse(spec)[0];
            var optimizer = OptimizerCatalog.Default.Create(phase);
            OptimizerRun.Run(optimizer, fit, theta, phase.Steps);
            optimizer.Dispose();
        }

        Assert.Equal(before, LiveTensors());
    }

    [Fact]
    public void Step_BlockDiagonalEngdInsideDisposeScope_LiveTensorCountConstantFromStep10To50()
    {
        using var fit = Fit();
        AssertNoLeakFromStep10To50("engd:50:blocks=true", new BlockedResiduals(fit, 8, 7, 5), fit.Start.clone(), jolt: true);
    }

    /// <summary>Runs 50 steps of <paramref name="spec"/> under <see cref="TensorLeak.Check"/> (live tensor count flat from step 10 on).</summary>
    private static void AssertNoLeakFromStep10To50(string spec, IObjective objective, Tensor start, bool jolt = false)
    {
        var phase = Assert.Single(OptimizerSpec.Parse(spec));
        using var theta = start;
        using var optimizer = OptimizerCatalog.Default.Create(phase);
        Action<int>? before = jolt ? step => theta.add_(torch.arange(theta.shape[0], dtype: ScalarType.Float64).mul_(step).sin_(), 0.05) : null;
        Assert.Null(TensorLeak.Check(optimizer, objective, theta, 50, before));
    }

    [Fact]
    public void Search_InsideDisposeScope_LeavesNoTensorsBehind()
    {
        using var quadratic = new ConvexQuadratic(20, 4, 1e3);
        using var theta = torch.zeros(20, ScalarType.Float64);
        var search = new StrongWolfeLineSearch();
        var before = LiveTensors();

        for (var i = 0; i < 20; i++)
        {
            using var scope = torch.NewDisposeScope();
            var (loss, gradient) = quadratic.ValueAndGradient(theta);
            using var result = search.Search(quadratic, theta, loss, gradient, gradient.neg(), Math.Pow(10, i % 7 - 3));
            Assert.True(result.Accepted);
        }

        Assert.Equal(before, LiveTensors());
    }

    [Fact]
    public void Dispose_Optimizers_ReleaseTheirState()
    {
        using var quadratic = new ConvexQuadratic(10, 2, 10);
        using var theta = torch.zeros(10, ScalarType.Float64);
        using var fit = Fit();
        using var start = fit.Start.clone();
        var before = LiveTensors();

        foreach (var spec in new[] { "adam:5", "sgd:5", "lbfgs:5", "bfgs:5", "ssbfgs:5", "ssbroyden:5", "engd:5:ema=0.5", "engd-woodbury:5", "engd-nystrom:5:rank=8", "gauss-newton:5", "lm:5:geodesic=true", "nncg:5:rank=4:refresh=2", "hessian-free:5", "adahessian:5", "sophia:5:every=2" })
        {
            var phase = OptimizerSpec.Parse(spec)[0];
            var optimizer = OptimizerCatalog.Default.Create(phase);
            OptimizerRun.Run(optimizer, optimizer is GramianOptimizer or LevenbergMarquardt ? fit : quadratic,
                optimizer is GramianOptimizer or LevenbergMarquardt ? start : theta, phase.Steps);
            optimizer.Dispose();
        }

        Assert.Equal(before, LiveTensors());
    }

    /// <summary>A nonzero-residual fit r = A tanh(Bθ) − y.</summary>
    private static TanhModelResiduals Fit() => new(residuals: 30, hidden: 12, parameters: 20, seed: 17, noise: 0.5, perturbation: 3);

    private static long LiveTensors() => TensorLeak.LiveTensors();
}
