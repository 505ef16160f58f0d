using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

/// <summary>The optimizer state snapshot itself (every optimizer's round trip is in <see cref="CatalogueOptimizerTests"/>).</summary>
public sealed class CheckpointTests
{
    [Fact]
    public void LoadState_FromAnotherOptimizer_ThrowsNamingBoth()
    {
        using var lbfgs = new Lbfgs();
        var state = new OptimizerState("engd");
        var error = Assert.Throws<InvalidDataException>(() => lbfgs.LoadState(state));
        Assert.Contains("engd", error.Message);
        Assert.Contains("lbfgs", error.Message);
    }

    [Fact]
    public void OptimizerState_RoundTripsTensorsAndNumbers()
    {
        using var t = arange(6, dtype: ScalarType.Float64).reshape(2, 3);
        var state = new OptimizerState("x").Set("t", t).Set("n", 3.5).Set("k", 7);
        using var back = state.Tensor("t");
        Assert.Equal(new long[] { 2, 3 }, back.shape);
        Assert.Equal(t.data<double>().ToArray(), back.data<double>().ToArray());
        Assert.Equal(3.5, state.Number("n"));
        Assert.Equal(7, state.Integer("k"));
        Assert.Throws<InvalidDataException>(() => state.Number("missing"));
        Assert.Throws<ArgumentException>(() => state.Set("bad key", 1));
    }
}
