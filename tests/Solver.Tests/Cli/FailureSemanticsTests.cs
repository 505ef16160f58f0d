using System.Text.Json;
using Pinn.Solver.Cli;

namespace Pinn.Solver.Tests.Cli;

/// <summary>
/// Runs that fail say so: repeated non-finite steps (in a row or alternating with fruitless finite ones), a loss that
/// never falls below its start, or one that ends orders of magnitude above it exit with 1, one 'pinn: failed' line,
/// a checkpoint, and the outcome in the JSON; nothing is written to --out.
/// </summary>
[Collection("console")]
public class FailureSemanticsTests
{
    [Theory]
    [InlineData("adam:50:lr=1e300", "Diverged")]              // the cases: θ rolled back every other step
    [InlineData("sgd:50:lr=1e300:momentum=0", "Diverged")]
    [InlineData("muon:50:lr=1e300", "Diverged")]
    [InlineData("adahessian:100:lr=1e6", "Diverged")]
    [InlineData("sgd:200:lr=1e6", "Diverged")]
    [InlineData("sgd:30:lr=0.05:momentum=0", "BlownUp")]      // finite: loss 1.7e2 → 7e132
    [InlineData("adam:30:lr=10", "BlownUp")]
    [InlineData("sgd:5:lr=1e-300:momentum=0", "NoProgress")]  // θ never moves
    public void FailingRun_ExitsOneWithReasonCheckpointAndOutcome(string spec, string outcome)
    {
        using var dir = Cli.TemporaryDirectory();
        var (code, output, err) = Cli.Run("solve", "poisson2d", "--optimizer", spec, "--hidden", "16", "--json", "--quiet", "--out", dir["d.h5"]);
        Assert.True(code == ExitCodes.Failure, $"exit {code}: {err}");
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1 && lines[0].StartsWith($"pinn: failed ({outcome}): "), err);
        Assert.Contains("pinn resume", err);
        Assert.False(File.Exists(dir["d.h5"]), "a failed run must not leave a results file that looks like a success");
        Assert.True(File.Exists(dir["d.checkpoint.h5"]));
        var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(outcome, json.GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("stop_reason").GetString()));
        Assert.Equal(outcome, json.GetProperty("phases")[0].GetProperty("stop").GetString());
        var record = Pinn.Verification.ResultsFile.Read(dir["d.checkpoint.h5"]);
        Assert.Equal(outcome, record.Config["outcome"]);
        Assert.NotEqual("periodic", record.Checkpoint!.Reason);
    }

    [Fact]
    public void BudgetStoppedRun_ReportsBudgetReachedNotNone()
    {
        using var dir = Cli.TemporaryDirectory();
        var (code, output, err) = Cli.Run("solve", "poisson2d", "--optimizer", "adam:100000000", "--hidden", "8", "--budget", "0.5",
            "--eval-every", "0", "--json", "--quiet", "--out", dir["b.h5"]);
        Assert.True(code == ExitCodes.Ok, err);
        var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("BudgetReached", json.GetProperty("outcome").GetString());
        Assert.Equal("BudgetReached", json.GetProperty("phases")[0].GetProperty("stop").GetString());
        Assert.Contains("time budget", json.GetProperty("stop_reason").GetString());
        var record = Pinn.Verification.ResultsFile.Read(dir["b.h5"]);
        Assert.Equal("BudgetReached", record.Config["outcome"]);
        Assert.Equal("BudgetReached", record.Config["phase_stops"]);
    }
}
