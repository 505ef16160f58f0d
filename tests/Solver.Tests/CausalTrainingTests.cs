using Pinn.Physics;
using Pinn.Problems;
using Pinn.Solver.Cli;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>Training with causal weighting: every optimizer family runs, the smallest weight is recorded, resumes are bitwise.</summary>
public class CausalTrainingTests
{
    private static readonly Problem Heat = new Heat1d().Create(new ProblemSize(64, 16));

    private static TrainingOptions Options(int every = 1) =>
        new(Seed: 3, EvaluateEvery: 4, EvaluationPoints: 200) { Causal = new CausalWeighting(1.0, 8, every) };

    private static Mlp Net(int seed = 5) => new(new MlpOptions(2, [8], Seed: seed), Heat.Domain.Bounds.Lower, Heat.Domain.Bounds.Upper);

    [Theory]
    [InlineData("adam:6")]
    [InlineData("lbfgs:6")]
    [InlineData("lm:6")]
    [InlineData("engd:6")]
    [InlineData("kfac:6")]
    public void ShortRun_EachOptimizerFamily_CompletesAndRecordsTheSmallestWeight(string spec)
    {
        using var net = Net();
        var run = Trainer.For(Heat, net).Using(spec).With(Options()).Run();
        Assert.Equal(TrainingOutcome.Completed, run.Outcome);
        Assert.Equal(6, run.Steps);
        Assert.True(double.IsFinite(run.Loss));
        Assert.All(run.History, h => Assert.InRange(h.CausalMinWeight, 0.0, 1.0));
    }

    [Fact]
    public void WithoutCausal_HistoryHasNoWeight()
    {
        using var net = Net();
        var run = Trainer.For(Heat, net).Using("adam:2").With(new TrainingOptions(EvaluationPoints: 200)).Run();
        Assert.All(run.History, h => Assert.True(double.IsNaN(h.CausalMinWeight)));
    }

    [Fact]
    public void ManySteps_LiveTensorCountDoesNotGrow()
    {
        static long Live() => TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        using var net = Net();
        var options = Options() with { EvaluateEvery = 0, ResampleEvery = 3 };
        Trainer.For(Heat, net).Using("adam:5,lm:5").With(options).Run();   // warm-up
        long before = Live();
        Trainer.For(Heat, net).Using("adam:30,lm:15").With(options).Run();
        long after = Live();
        Assert.True(after - before <= 2, $"live tensors grew by {after - before}");
    }

    [Theory]
    [InlineData("lbfgs:12,engd:8", 5, 1)]
    [InlineData("adam:10,lm:10", 14, 1)]
    [InlineData("lbfgs:12,kfac:6", 8, 4)]   // checkpoint at a multiple of the update interval
    public void InterruptAndResume_WithCausalWeights_BitwiseEqual(string spec, int interruptAt, int every)
    {
        set_num_threads(1);   // per worker thread: bitwise equality needs a fixed reduction order
        var options = Options(every) with { ResampleEvery = 7 };
        double[] straightTheta;
        TrainingRun straight;
        using (var net = Net())
        {
            straight = Trainer.For(Heat, net).Using(spec).With(options).Run();
            straightTheta = net.Parameters.data<double>().ToArray();
        }

        TrainingSnapshot? snapshot = null;
        using var cancel = new CancellationTokenSource();
        using (var net = Net())
        {
            var part = Trainer.For(Heat, net).Using(spec).With(options).Reporting(new StopAt(interruptAt, cancel))
                .Checkpointing(0, s => snapshot = s).Run(cancel.Token);
            Assert.Equal(TrainingOutcome.Interrupted, part.Outcome);
        }
        Assert.Equal(interruptAt, snapshot!.Step);

        using var resumedNet = Net(seed: 99);
        var resumed = Trainer.For(Heat, resumedNet).Using(spec).With(options).ResumingFrom(snapshot).Run();
        Assert.Equal(straight.History.Select(h => h.Loss), resumed.History.Select(h => h.Loss));
        Assert.Equal(straight.History.Select(h => h.CausalMinWeight).Skip(interruptAt), resumed.History.Select(h => h.CausalMinWeight).Skip(interruptAt));
        Assert.Equal(straight.Loss, resumed.Loss);
        Assert.Equal(straightTheta, resumedNet.Parameters.data<double>().ToArray());
    }

    private sealed class StopAt(long step, CancellationTokenSource cancel) : IProgressSink
    {
        public void PhaseStarted(int phase, string optimizer, int steps) { }
        public void Step(HistoryRow row, long totalSteps) { if (row.Step == step) cancel.Cancel(); }
        public void Event(string message) { }
    }
}

/// <summary>The <c>--causal</c> option of <c>pinn solve</c>.</summary>
[Collection("console")]
public class CausalCommandLineTests
{
    [Theory]
    [InlineData("poisson2d", "1")]
    [InlineData("heat1d", "abc")]
    [InlineData("heat1d", "1:0")]
    [InlineData("heat1d", "-2")]
    public void Solve_BadCausal_OneLineErrorAndExitCode2(string problem, string spec)
    {
        var (code, _, err) = Cli.Cli.Run("solve", problem, "--causal", spec, "--optimizer", "adam:1");
        Assert.Equal(ExitCodes.Usage, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("pinn: ", lines[0]);
        Assert.Contains("causal", lines[0]);
    }

    [Fact]
    public void Solve_Causal_RunsAndReportsTheSmallestWeight()
    {
        var (code, output, err) = Cli.Cli.Run("solve", "heat1d", "--causal", "1:8", "--optimizer", "adam:3", "--hidden", "4",
            "--points", "36", "--boundary-points", "8", "--eval-every", "1", "--json");
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("causal min w", err);
        Assert.Contains("\"steps\":3", output);
    }
}
