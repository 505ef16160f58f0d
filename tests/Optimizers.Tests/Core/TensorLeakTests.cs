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
    private const int WarmUp = 30;
    private const int Steps = 60;

    /// <summary>Every catalogue optimizer with its defaults, on a plain module's regression (weights as matrices,
    /// residuals and Hessian products; K-FAC on its one-layer problem).</summary>
    [Theory]
    [MemberData(nameof(CatalogueBed.Names), MemberType = typeof(CatalogueBed))]
    public void Step_CatalogueOptimizerInsideDisposeScope_LiveTensorCountBoundedAfterWarmUp(string name)
    {
        // θ is jolted before every step, so that the fast-converging Gauss–Newton family keeps working
        // (and does not stop at the float64 limit) for all its steps.
        using var bed = CatalogueBed.Module(name);
        AssertNoLeakAfterWarmUp(name, bed.Objective, bed.Start.clone(), jolt: true);
    }

    /// <summary>Options that switch on code paths the defaults do not take.</summary>
    [Theory]
    [InlineData("sgd:50:lr=1e-3:nesterov=true")]
    [InlineData("lbfgs:50:history=5")]
    [InlineData("engd:50:ema=0.3")]
    [InlineData("engd-nystrom:50:rank=8:refresh=3")]
    [InlineData("lm:50:geodesic=true")]
    [InlineData("lm:50:scaling=diagonal")]
    [InlineData("nncg:50:rank=4:refresh=3")]
    [InlineData("sophia:50:every=3")]
    [InlineData("soap:50:frequency=2")]
    [InlineData("muon:50:hidden-only=false")]
    public void Step_OptionVariantInsideDisposeScope_LiveTensorCountBoundedAfterWarmUp(string spec)
    {
        using var bed = CatalogueBed.Module(OptimizerSpec.Parse(spec)[0].Name);
        AssertNoLeakAfterWarmUp(spec, bed.Objective, bed.Start.clone(), jolt: true);
    }

    [Theory]
    [MemberData(nameof(CatalogueBed.Names), MemberType = typeof(CatalogueBed))]
    public void Dispose_CatalogueOptimizerAfterSteps_ReleasesItsState(string name)
    {
        using var bed = CatalogueBed.Module(name);
        using var theta = bed.Start.clone();
        var before = LiveTensors();
        var optimizer = CatalogueBed.Create(name);
        OptimizerRun.Run(optimizer, bed.Objective, theta, 5);
        optimizer.Dispose();
        Assert.Equal(before, LiveTensors());
    }

    [Fact]
    public void Step_BlockDiagonalEngdInsideDisposeScope_LiveTensorCountBoundedAfterWarmUp()
    {
        using var fit = Fit();
        AssertNoLeakAfterWarmUp("engd:50:blocks=true", new BlockedResiduals(fit, 8, 7, 5), fit.Start.clone(), jolt: true);
    }

    /// <summary>Runs <see cref="Steps"/> steps of <paramref name="spec"/> under <see cref="TensorLeak.Check"/> (the live tensor
    /// count after <see cref="WarmUp"/> steps stays at or below the most seen in steps 5..<see cref="WarmUp"/>).</summary>
    private static void AssertNoLeakAfterWarmUp(string spec, IObjective objective, Tensor start, bool jolt = false)
    {
        var phase = Assert.Single(OptimizerSpec.Parse(spec));
        using var theta = start;
        using var optimizer = OptimizerCatalog.Default.Create(phase);
        Action<int>? before = jolt ? step => theta.add_(torch.arange(theta.shape[0], dtype: ScalarType.Float64).mul_(step).sin_(), 0.05) : null;
        Assert.Null(TensorLeak.Check(optimizer, objective, theta, Steps, before, WarmUp));
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

    /// <summary>A nonzero-residual fit r = A tanh(Bθ) − y.</summary>
    private static TanhModelResiduals Fit() => new(residuals: 30, hidden: 12, parameters: 20, seed: 17, noise: 0.5, perturbation: 3);

    private static long LiveTensors() => TensorLeak.LiveTensors();
}
