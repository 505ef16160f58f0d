using System.Text.Json;
using Pinn.Solver.Cli;

namespace Pinn.Solver.Tests.Cli;

[Collection("console")]
public class ResumeCommandTests
{
    private static readonly string[] Job =
        ["solve", "poisson2d", "--optimizer", "lbfgs:400,engd:100", "--hidden", "16", "--points", "100", "--boundary-points", "40",
         "--eval-every", "5", "--json"];

    private static JsonElement LastJson(string output) => JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;

    private static readonly Lazy<JsonElement> Uninterrupted = new(() =>
    {
        using var dir = Cli.TemporaryDirectory();
        using var straight = Cli.Start(dir.Path, Job);
        var output = straight.StandardOutput.ReadToEnd();
        straight.WaitForExit();
        Assert.Equal(0, straight.ExitCode);
        return LastJson(output);
    });

    [Theory]
    [InlineData("INT", ExitCodes.Interrupted)]
    [InlineData("TERM", ExitCodes.Terminated)]
    [InlineData("HUP", ExitCodes.HungUp)]
    public void StopSignalTwice_ThenResume_FinalLossBitwiseEqualsUninterruptedRun(string signal, int exitCode)
    {
        using var dir = Cli.TemporaryDirectory();
        using var part = Cli.StartInterruptible(dir.Path, Job);
        // Progress lines go to stderr every 5 steps; signal after the third one (a step in the L-BFGS phase), twice in a
        // row as Slurm and a forwarding wrapper do: the second must not cut the checkpoint short.
        for (var seen = 0; seen < 3;)
        {
            var line = part.StandardError.ReadLine();
            if (line is null) break;
            if (line.Contains("step")) seen++;
        }
        for (int i = 0; i < 2; i++)
            using (var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", part.Id.ToString()])) kill.WaitForExit();
        var partErr = part.StandardError.ReadToEnd();
        part.WaitForExit();
        Assert.True(part.ExitCode == exitCode, $"exit {part.ExitCode}: {partErr}");
        Assert.Contains($"interrupted (SIG{signal})", partErr);
        Assert.Contains("pinn resume", partErr);
        var checkpoint = Path.Combine(dir.Path, "poisson2d.checkpoint.h5");
        Assert.True(File.Exists(checkpoint));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));

        var (resumedCode, resumedOut, resumedErr) = Cli.RunChild(dir.Path, "resume", checkpoint);
        Assert.True(resumedCode == 0, resumedErr);

        var a = Uninterrupted.Value;
        var b = LastJson(resumedOut);
        Assert.Equal(a.GetProperty("steps").GetInt64(), b.GetProperty("steps").GetInt64());
        Assert.Equal(a.GetProperty("loss").GetDouble(), b.GetProperty("loss").GetDouble());
        Assert.Equal(a.GetProperty("rel_l2").GetDouble(), b.GetProperty("rel_l2").GetDouble());
    }

    [Fact]
    public void Resume_ResultsFileWithoutCheckpoint_ExitsTwoSayingHowToWriteOne()
    {
        using var dir = Cli.TemporaryDirectory();
        Assert.Equal(0, Cli.Run("solve", "heat1d", "--optimizer", "adam:3", "--hidden", "4", "--points", "16",
            "--boundary-points", "8", "--quiet", "--out", dir["r.h5"]).Code);
        var (code, _, err) = Cli.Run("resume", dir["r.h5"]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--checkpoint-every", err);
    }
}
