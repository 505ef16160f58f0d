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

    [Fact]
    public void Sigint_ThenResume_FinalLossBitwiseEqualsUninterruptedRun()
    {
        using var dir = Cli.TemporaryDirectory();
        using var straight = Cli.Start(dir.Path, Job);
        var straightOut = straight.StandardOutput.ReadToEnd();
        straight.WaitForExit();
        Assert.Equal(0, straight.ExitCode);

        using var part = Cli.StartInterruptible(dir.Path, Job);
        // Progress lines go to stderr every 5 steps; interrupt after the third one (a step in the L-BFGS phase).
        for (var seen = 0; seen < 3;)
        {
            var line = part.StandardError.ReadLine();
            if (line is null) break;
            if (line.Contains("step")) seen++;
        }
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", part.Id.ToString()])) kill.WaitForExit();
        var partErr = part.StandardError.ReadToEnd();
        part.WaitForExit();
        Assert.True(part.ExitCode == ExitCodes.Interrupted, $"exit {part.ExitCode}: {partErr}");
        Assert.Contains("pinn resume", partErr);
        var checkpoint = Path.Combine(dir.Path, "poisson2d.checkpoint.h5");
        Assert.True(File.Exists(checkpoint));

        using var resumed = Cli.Start(dir.Path, "resume", checkpoint);
        var resumedOut = resumed.StandardOutput.ReadToEnd();
        var resumedErr = resumed.StandardError.ReadToEnd();
        resumed.WaitForExit();
        Assert.True(resumed.ExitCode == 0, resumedErr);

        var a = LastJson(straightOut);
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
