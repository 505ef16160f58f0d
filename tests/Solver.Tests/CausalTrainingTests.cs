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
    private static readonly Problem Heat = new Heat1d().Create(new ProblemOptions(64, 16));

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
        var run = TrainingChecks.CompletesSixSteps(Heat, net, spec, Options());
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
        using var net = Net();
        TrainingChecks.LiveTensorsStayFlat(Heat, net, Options() with { EvaluateEvery = 0, ResampleEvery = 3 });
    }

    [Theory]
    [InlineData("lbfgs:12,engd:8", 5, 1)]
    [InlineData("adam:10,lm:10", 14, 1)]
    [InlineData("lbfgs:12,kfac:6", 8, 4)]   // checkpoint at a multiple of the update interval
    public void InterruptAndResume_WithCausalWeights_BitwiseEqual(string spec, int interruptAt, int every)
    {
        var options = Options(every) with { ResampleEvery = 7 };
        var (straight, straightTheta, _, resumed, resumedTheta) = InterruptedRun.Compare(Heat, Net, spec, options, interruptAt);
        Assert.Equal(straight.History.Select(h => h.Loss), resumed.History.Select(h => h.Loss));
        Assert.Equal(straight.History.Select(h => h.CausalMinWeight).Skip(interruptAt), resumed.History.Select(h => h.CausalMinWeight).Skip(interruptAt));
        Assert.Equal(straight.Loss, resumed.Loss);
        Assert.Equal(straightTheta, resumedTheta);
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
