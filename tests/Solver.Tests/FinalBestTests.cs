using System.Globalization;
using System.Text.RegularExpressions;
using Pinn.Physics;
using Pinn.Problems;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>Adaptive sampling's <c>final=best</c>: the run ends at the iterate with the lowest pool residual, chosen without a reference.</summary>
public partial class FinalBestTests
{
    private static readonly Problem Heat = new Heat1d().Create(new ProblemOptions(64, 16));
    private const string Spec = "adam:30:lr=0.2";   // a large step: the loss is not monotone, so an earlier iterate can win

    private static TrainingOptions Options(bool best) =>
        new(Seed: 3, EvaluateEvery: 0, EvaluationPoints: 200) { Adaptive = AdaptiveSampling.Parse($"rad:pool=600:every=3{(best ? ":final=best" : "")}") };

    private static Mlp Net(int seed = 5) => new(new MlpOptions(2, [8], Seed: seed), Heat.Domain.Bounds.Lower, Heat.Domain.Bounds.Upper);

    [GeneratedRegex(@"final=best: ending at the iterate after step (\d+)")]
    private static partial Regex Chosen();

    private static double Score(Mlp net, AdaptiveSampling sampling)
    {
        using var objective = new PinnObjective(Heat, net, 3, sampling: sampling);
        using var scope = NewDisposeScope();
        return objective.PoolScore(net.Parameters);
    }

    [Fact]
    public void BestIterate_KeepsTheLowestAndRestoresOnlyWhenBetter()
    {
        using var scope = NewDisposeScope();
        var best = new BestIterate();
        var theta = tensor(new[] { 1.0, 2.0 }, dtype: ScalarType.Float64);
        Assert.False(best.RestoreInto(theta, 1.0));
        Assert.True(best.Offer(0.5, theta, 1));
        theta.copy_(tensor(new[] { 3.0, 4.0 }, dtype: ScalarType.Float64));
        Assert.False(best.Offer(0.7, theta, 2));
        Assert.False(best.Offer(double.NaN, theta, 3));
        Assert.Equal((1L, 0.5), (best.Step, best.Score));
        Assert.False(best.RestoreInto(theta, 0.4));
        Assert.Equal(new[] { 3.0, 4.0 }, theta.data<double>().ToArray());
        Assert.True(best.RestoreInto(theta, 0.6));
        Assert.Equal(new[] { 1.0, 2.0 }, theta.data<double>().ToArray());
    }

    [Fact]
    public void FinalBest_EndsAtTheDrawnIterate_WithTheLowestPoolScore()
    {
        set_num_threads(1);
        var events = new EventLog();
        using var best = Net();
        var run = Trainer.For(Heat, best).Using(Spec).With(Options(best: true)).Reporting(events).Run();
        var match = events.Messages.Select(m => Chosen().Match(m)).SingleOrDefault(m => m.Success);
        Assert.True(match is not null, "no earlier iterate was chosen: " + string.Join(" | ", events.Messages));
        int step = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(0, step % 3);   // offered only at draws
        Assert.InRange(step, 3, 29);
        Assert.Equal(30, run.Steps);

        // the same run cut at that step, without the option, ends at the same θ bit for bit
        using var cut = Net();
        Trainer.For(Heat, cut).Using($"adam:{step}:lr=0.2").With(Options(best: false)).Run();
        Assert.Equal(cut.Parameters.data<double>().ToArray(), best.Parameters.data<double>().ToArray());

        // and it scores lower on the pool than the last iterate of the run without the option
        using var last = Net();
        Trainer.For(Heat, last).Using(Spec).With(Options(best: false)).Run();
        var sampling = Options(best: true).Adaptive!;
        Assert.True(Score(best, sampling) < Score(last, sampling));
    }

    [Fact]
    public void FinalBest_InterruptAndResume_BitwiseEqual()
    {
        var (straight, straightTheta, snapshot, resumed, resumedTheta) = InterruptedRun.Compare(Heat, Net, Spec, Options(best: true), interruptAt: 25);
        Assert.NotNull(snapshot.ObjectiveState);
        Assert.True(snapshot.ObjectiveState!.Has("best.theta"));
        Assert.Equal(straight.History.Select(h => h.Loss), resumed.History.Select(h => h.Loss));
        Assert.Equal(straightTheta, resumedTheta);
    }

    [Fact]
    public void Parse_FinalKey_RoundTripsAndRejectsOtherValues()
    {
        var sampling = AdaptiveSampling.Parse("vrba:pool=1000:final=best");
        Assert.True(sampling.KeepBest);
        Assert.EndsWith(":final=best", sampling.ToString(), StringComparison.Ordinal);
        Assert.Equal(sampling, AdaptiveSampling.Parse(sampling.ToString()));
        Assert.False(AdaptiveSampling.Parse("vrba:final=last").KeepBest);
        var error = Assert.Throws<ArgumentException>(() => AdaptiveSampling.Parse("vrba:final=lowest"));
        Assert.Contains("final must be last or best", error.Message, StringComparison.Ordinal);
    }

    private sealed class EventLog : IProgressSink
    {
        public List<string> Messages { get; } = [];
        public void PhaseStarted(int phase, string optimizer, int steps) { }
        public void Step(HistoryRow row, long totalSteps) { }
        public void Event(string message) => Messages.Add(message);
    }
}
