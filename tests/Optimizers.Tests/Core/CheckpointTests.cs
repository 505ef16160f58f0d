using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

/// <summary>Every catalogue optimizer saves and restores its state so that a resumed run is bitwise the uninterrupted one.</summary>
public sealed class CheckpointTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var d in OptimizerCatalog.Default.Descriptors)
        {
            using var optimizer = OptimizerCatalog.Default.Create(new OptimizerPhase(d.Name, d.DefaultSteps, new Dictionary<string, string>()));
            if (optimizer is ICheckpointable) data.Add(d.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SaveThenLoad_IntoFreshOptimizer_ContinuesBitwise(string name)
    {
        torch.set_num_threads(1);   // per worker thread (OpenMP's thread count is thread-local): bitwise equality needs a fixed reduction order
        const int half = 6;
        // K-FAC needs per-layer Kronecker factors; every other optimizer runs on a small nonlinear least-squares model.
        using var objective = name == "kfac" ? new CheckpointObjective(new KroneckerLeastSquares(3, 4, 5, 10, 12))
            : new CheckpointObjective(new TanhModelResiduals(residuals: 30, hidden: 6, parameters: 10, seed: 11));
        var phase = OptimizerSpec.Parse(name).Single();
        IOptimizer Create() => OptimizerCatalog.Default.Create(phase);
        Assert.Null(OptimizerChecks.CheckpointRoundTrip(Create, objective.Objective, objective.Start, half));
        Assert.Null(OptimizerChecks.Descent(Create, objective.Objective, objective.Start, 2 * half));
    }

    /// <summary>The objective of a round trip and its start point.</summary>
    private sealed class CheckpointObjective(IObjective inner) : IDisposable
    {
        public IObjective Objective => inner;
        public Tensor Start => inner switch { TanhModelResiduals t => t.Start, KroneckerLeastSquares k => k.Start, _ => throw new InvalidOperationException() };
        public void Dispose() => (inner as IDisposable)?.Dispose();
    }

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
