using System.Text.Json;
using Pinn.Solver.Cli;
using Pinn.Solver.Training;

namespace Pinn.Solver.Tests.Cli;

/// <summary><c>--hard</c>, <c>--periodic</c> and <c>--fourier-features</c> through results files, <c>pinn verify</c> and resume.</summary>
[Collection("console")]
public class HardAndEmbeddingCliTests
{
    private static JsonElement LastJson(string output) => JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;

    [Theory]
    [InlineData("convection", "--hard", "--periodic")]
    [InlineData("heat1d", "--hard", "--fourier-features=1.5:6")]
    [InlineData("reaction", "--periodic", "--fourier-features=1:4")]
    public void Solve_WithHardFormOrEmbedding_ResultsFileVerifies(string problem, string first, string second)
    {
        using var dir = Cli.TemporaryDirectory();
        var (code, _, err) = Cli.Run("solve", problem, first, second, "--optimizer", "lbfgs:4", "--hidden", "6", "--points", "36",
            "--boundary-points", "12", "--no-recipe", "--quiet", "--seed", "2", "--out", dir["r.h5"]);
        Assert.True(code == 0, err);
        var record = Pinn.Verification.ResultsFile.Read(dir["r.h5"]);
        Assert.Equal(first == "--hard", record.Config["hard"]);
        var (verified, output, verifyErr) = Cli.Run("verify", dir["r.h5"]);
        Assert.True(verified == 0, output + verifyErr);
        Assert.Contains("ok   prediction", output);
        if (first == "--hard") Assert.DoesNotContain("residual initial", output);
        else Assert.DoesNotContain("residual periodic", output);
    }

    [Theory]
    [InlineData("--fourier-features", "0")]
    [InlineData("--fourier-features", "abc")]
    [InlineData("--fourier-features", "1:0")]
    [InlineData("--fourier-features", "1:2:3")]
    public void Solve_BadFourierFeatures_ExitsTwoWithOneLine(string option, string value)
    {
        var (code, _, err) = Cli.Run("solve", "heat1d", option, value, "--optimizer", "adam:1");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--fourier-features", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("poisson5d", "--hard")]
    [InlineData("heat1d", "--periodic")]
    public void Solve_FormTheProblemLacks_ExitsTwoNamingTheOption(string problem, string option)
    {
        var (code, _, err) = Cli.Run("solve", problem, option, "--optimizer", "adam:1");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(option, err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void InterruptedHardPeriodicRun_Resumed_EndsBitwiseLikeTheStraightRun()
    {
        using var dir = Cli.TemporaryDirectory();
        string[] args = ["solve", "convection", "--hard", "--periodic", "--fourier-features", "1:3", "--optimizer", "lbfgs:6,engd:4",
            "--hidden", "6", "--points", "36", "--boundary-points", "12", "--eval-every", "2", "--checkpoint", dir["c.h5"], "--no-recipe", "--json", "--quiet"];
        var straight = Cli.Run(args);
        Assert.True(straight.Code == 0, straight.Err);

        var settings = new SolveSettings
        {
            Problem = "convection", Hard = true, Periodic = true, FourierFeatures = "1:3", Optimizer = "lbfgs:6,engd:4", Hidden = "6",
            Points = "36", BoundaryPoints = "12", EvalEvery = "2", Checkpoint = dir["c.h5"], NoRecipe = true, Json = true, Quiet = true,
        };
        using var cancel = new CancellationTokenSource();
        var part = SolveJob.FromSettings(settings, args).Run(new StopAt(8, cancel), cancel.Token);
        Assert.Equal(TrainingOutcome.Interrupted, part.Outcome);

        var resumed = Cli.Run("resume", dir["c.h5"]);
        Assert.True(resumed.Code == 0, resumed.Err);
        var a = LastJson(straight.Out);
        var b = LastJson(resumed.Out);
        Assert.Equal(a.GetProperty("steps").GetInt64(), b.GetProperty("steps").GetInt64());
        Assert.Equal(a.GetProperty("loss").GetDouble(), b.GetProperty("loss").GetDouble());
        Assert.Equal(a.GetProperty("rel_l2").GetDouble(), b.GetProperty("rel_l2").GetDouble());
    }

    private sealed class StopAt(long step, CancellationTokenSource cancel) : IProgressSink
    {
        public void PhaseStarted(int phase, string optimizer, int steps) { }
        public void Step(HistoryRow row, long totalSteps) { if (row.Step == step) cancel.Cancel(); }
        public void Event(string message) { }
    }
}
