using Pinn.Physics;
using Pinn.Problems;
using Pinn.Solver.Cli;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>Attention multipliers and pool sampling in the objective and the trainer: every optimizer family, resumes, leaks.</summary>
public class AdaptiveTrainingTests
{
    private static readonly Problem Heat = new Heat1d().Create(new ProblemOptions(64, 16));
    private static readonly ResidualAttention Attention = ResidualAttention.Parse("vrba:every=2");
    private static readonly AdaptiveSampling Sampling = AdaptiveSampling.Parse("rad:pool=600:every=3");

    private static TrainingOptions Options() =>
        new(Seed: 3, EvaluateEvery: 4, EvaluationPoints: 200) { Attention = Attention, Adaptive = Sampling };

    private static Mlp Net(int seed = 5) => new(new MlpOptions(2, [8], Seed: seed), Heat.Domain.Bounds.Lower, Heat.Domain.Bounds.Upper);

    [Fact]
    public void Objective_LossIsTheMeanOfSquaredWeightedResiduals_InEveryPath()
    {
        using var scope = NewDisposeScope();
        using var net = Net();
        using var objective = new PinnObjective(Heat, net, 0, attention: Attention, sampling: Sampling);
        var theta = net.Parameters;
        objective.UpdateAttention(theta);
        objective.Redraw(theta);
        objective.UpdateAttention(theta);
        int pde = objective.TermNames.ToList().IndexOf("pde");
        var pool = objective.PoolOf(pde)!;
        var lambda = pool.Batch.Select(j => objective.AttentionOf(pde)!.Values[j]).ToArray();
        Assert.Contains(lambda, l => l != Attention.Initial);
        using (no_grad())
        {
            var r = objective.TermResidual(theta, pde).data<double>().ToArray();
            double expected = Heat.Terms[pde].Weight * r.Zip(lambda).Average(p => p.First * p.First * p.Second * p.Second);
            objective.Value(theta);
            Assert.Equal(expected, objective.LastTermLosses[pde], 1e-13);
            var batch = pool.BatchPoints();
            Assert.Equal(batch.data<double>().ToArray(), objective.Terms[pde].Points.data<double>().ToArray());
        }
        var stacked = objective.Residuals(theta);
        Assert.Equal(objective.Value(theta), stacked.dot(stacked).item<double>(), 1e-13);
        var (rows, jacobian) = objective.ResidualsAndJacobian(theta);
        Assert.Equal(stacked.data<double>().ToArray(), rows.data<double>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-13);
        var (_, gradient) = objective.ValueAndGradient(theta);
        Assert.True((jacobian.t().mv(rows) * 2 - gradient).abs().max().item<double>() < 1e-12);
        GradientCheck.MatchesCentralDifferences(objective, theta, 0, 5, 17);
    }

    [Fact]
    public void Objective_AttentionOff_GivesTheUnweightedLoss_AndRevisionFollowsChanges()
    {
        using var scope = NewDisposeScope();
        using var net = Net();
        using var plain = new PinnObjective(Heat, net, 0);
        using var weighted = new PinnObjective(Heat, net, 0, attention: Attention);
        var theta = net.Parameters;
        long revision = weighted.Revision;
        weighted.UpdateAttention(theta);
        Assert.NotEqual(revision, weighted.Revision);
        Assert.NotEqual(plain.Value(theta), weighted.Value(theta));
        weighted.SetAttentionActive(false);
        Assert.Equal(plain.Value(theta), weighted.Value(theta));
    }

    [Theory]
    [InlineData("adam:6")]
    [InlineData("lbfgs:6:keep=true")]
    [InlineData("lm:6")]
    [InlineData("engd:6")]
    [InlineData("kfac:6")]
    public void ShortRun_EachOptimizerFamily_Completes(string spec)
    {
        using var net = Net();
        TrainingChecks.CompletesSixSteps(Heat, net, spec, Options());
    }

    [Fact]
    public void ManySteps_LiveTensorCountDoesNotGrow()
    {
        using var net = Net();
        TrainingChecks.LiveTensorsStayFlat(Heat, net, Options() with { EvaluateEvery = 0 });
    }

    [Theory]
    [InlineData("lbfgs:12:keep=true,engd:8", 5, "vrba:every=2:phases=1")]
    [InlineData("adam:10,lm:10", 14, "rba")]
    [InlineData("adam:8,kfac:6", 9, "vrba:every=3")]
    public void InterruptAndResume_WithAttentionAndPools_BitwiseEqual(string spec, int interruptAt, string attention)
    {
        var options = Options() with { Attention = ResidualAttention.Parse(attention), Adaptive = AdaptiveSampling.Parse("vrba:pool=600:every=4") };
        var (straight, straightTheta, snapshot, resumed, resumedTheta) = InterruptedRun.Compare(Heat, Net, spec, options, interruptAt);
        Assert.NotNull(snapshot.ObjectiveState);
        Assert.Equal(straight.History.Select(h => h.Loss), resumed.History.Select(h => h.Loss));
        Assert.Equal(straight.Loss, resumed.Loss);
        Assert.Equal(straightTheta, resumedTheta);
    }

    [Fact]
    public void OptimizerStop_InAPooledRun_DrawsNewBatches_AndEndsThePhaseWhenAFreshBatchDoesNotHelp()
    {
        // gtol = 1e30: L-BFGS stops at every starting point, so each batch gets exactly one step.
        using var net = Net();
        var events = new EventLog();
        var pooled = Trainer.For(Heat, net).Using("lbfgs:10:gtol=1e30:keep=true,adam:3").With(Options()).Reporting(events).Run();
        Assert.Equal([2, 3], pooled.Phases.Select(p => p.Steps));
        Assert.Equal(Pinn.Optimizers.StopReason.GradientTolerance, pooled.Phases[0].Stop);
        Assert.Single(events.Messages, m => m.Contains("new batches drawn, the phase goes on", StringComparison.Ordinal));

        using var plainNet = Net();
        var plain = Trainer.For(Heat, plainNet).Using("lbfgs:10:gtol=1e30:keep=true,adam:3").With(Options() with { Adaptive = null }).Run();
        Assert.Equal([1, 3], plain.Phases.Select(p => p.Steps));
    }

    [Fact]
    public void InterruptAndResume_AfterADrawOnAStop_BitwiseEqual()
    {
        // interrupted right after the stop and its draw: the resumed run must know the draw was one step ago
        var (straight, straightTheta, _, resumed, resumedTheta) =
            InterruptedRun.Compare(Heat, Net, "lbfgs:10:gtol=1e30:keep=true,adam:4", Options(), interruptAt: 1);
        Assert.Equal(straight.Phases.Select(p => p.Steps), resumed.Phases.Select(p => p.Steps));
        Assert.Equal(straight.History.Select(h => h.Loss), resumed.History.Select(h => h.Loss));
        Assert.Equal(straightTheta, resumedTheta);
    }

    private sealed class EventLog : IProgressSink
    {
        public List<string> Messages { get; } = [];
        public void PhaseStarted(int phase, string optimizer, int steps) { }
        public void Step(HistoryRow row, long totalSteps) { }
        public void Event(string message) => Messages.Add(message);
    }

    [Fact]
    public void AdaptiveWithResampleEvery_IsRefused()
    {
        using var net = Net();
        Assert.Throws<ArgumentException>(() => Trainer.For(Heat, net).Using("adam:2").With(Options() with { ResampleEvery = 2 }).Run());
    }
}

/// <summary>The <c>--rba</c> and <c>--adaptive</c> options of <c>pinn solve</c>, checkpoints included.</summary>
[Collection("console")]
public class AdaptiveCommandLineTests
{
    [Theory]
    [InlineData("--rba", "gaussian")]
    [InlineData("--rba", "vrba:decay=2")]
    [InlineData("--adaptive", "rad:pool=10")]
    [InlineData("--adaptive", "uniform")]
    public void Solve_BadSpec_OneLineErrorAndExitCode2(string option, string spec)
    {
        var (code, _, err) = Cli.Cli.Run("solve", "heat1d", option, spec, "--optimizer", "adam:1", "--points", "36");
        Assert.Equal(ExitCodes.Usage, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("pinn: ", lines[0]);
    }

    [Fact]
    public void Solve_WithBoth_WritesThemToTheResultsAndResumesFromACheckpoint()
    {
        var dir = Directory.CreateTempSubdirectory("pinn-adaptive-");
        try
        {
            var output = Path.Combine(dir.FullName, "r.h5");
            var checkpoint = Path.Combine(dir.FullName, "c.h5");
            var (code, json, err) = Cli.Cli.Run("solve", "heat1d", "--rba", "rba:every=2", "--adaptive", "rad:pool=500:every=2",
                "--optimizer", "adam:4", "--hidden", "4", "--points", "36", "--boundary-points", "8", "--json",
                "--out", output, "--checkpoint", checkpoint, "--checkpoint-every", "3", "--no-recipe");
            Assert.True(code == ExitCodes.Ok, err);
            Assert.Contains("\"steps\":4", json);
            var record = Pinn.Verification.ResultsFile.Read(output);
            Assert.StartsWith("rba:", (string)record.Config["rba"]);
            Assert.StartsWith("rad:pool=500:every=2", (string)record.Config["adaptive"]);
            var saved = Pinn.Verification.ResultsFile.Read(checkpoint);
            Assert.Contains(saved.Checkpoint!.ObjectiveState, a => a.Name.EndsWith("attention", StringComparison.Ordinal));
            var (resumeCode, _, resumeErr) = Cli.Cli.Run("resume", checkpoint);
            Assert.True(resumeCode == ExitCodes.Ok, resumeErr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
