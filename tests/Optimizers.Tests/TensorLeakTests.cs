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
    public void Step_InsideDisposeScope_LiveTensorCountConstantFromStep10To50(string spec)
    {
        var phase = Assert.Single(OptimizerSpec.Parse(spec));
        using var quadratic = new QuadraticObjective(60, 13, 1e6);
        using var theta = torch.zeros(60, ScalarType.Float64);
        using var optimizer = OptimizerCatalog.Default.Create(phase);
        void Step()
        {
            using var scope = torch.NewDisposeScope();
            Assert.Equal(StopReason.None, optimizer.Step(quadratic, theta).Stop);
        }

        for (var step = 1; step <= 10; step++) Step();
        var afterStep10 = LiveTensors();
        // No garbage collection from here on, so a tensor that escaped its scope stays counted
        // instead of being released by a finalizer.
        var noGc = GC.TryStartNoGCRegion(64L << 20);
        try
        {
            for (var step = 11; step <= 50; step++) Step();
            var afterStep50 = torch.Tensor.TotalCount;
            Assert.True(afterStep10 == afterStep50, $"{phase.Name}: {afterStep10} live tensors after step 10, {afterStep50} after step 50");
        }
        finally
        {
            if (noGc && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
        Assert.True(noGc, "could not suspend garbage collection for the measurement");
    }

    [Fact]
    public void Search_InsideDisposeScope_LeavesNoTensorsBehind()
    {
        using var quadratic = new QuadraticObjective(20, 4, 1e3);
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
        using var quadratic = new QuadraticObjective(10, 2, 10);
        using var theta = torch.zeros(10, ScalarType.Float64);
        var before = LiveTensors();

        foreach (var spec in new[] { "adam:5", "sgd:5", "lbfgs:5" })
        {
            var phase = OptimizerSpec.Parse(spec)[0];
            var optimizer = OptimizerCatalog.Default.Create(phase);
            OptimizerRun.Run(optimizer, quadratic, theta, phase.Steps);
            optimizer.Dispose();
        }

        Assert.Equal(before, LiveTensors());
    }

    private static long LiveTensors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return torch.Tensor.TotalCount;
    }
}
