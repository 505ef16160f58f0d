using Pinn.Solver.Cli;

namespace Pinn.Solver.Tests.Cli;

/// <summary>
/// Sizes beyond the documented bounds, runs that would not fit in memory, and malformed command lines: each is refused
/// before anything is allocated, with exit 2 and one line that names the option (and, for sizes, the memory needed).
/// </summary>
[Collection("console")]
public class LimitsTests
{
    private static void AssertRefused(string[] args, params string[] expected)
    {
        var (code, _, err) = Cli.Run(args);
        var what = string.Join(' ', args);
        Assert.True(code == ExitCodes.Usage, $"exit {code} for '{what}': {err}");
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1 && lines[0].StartsWith("pinn: ", StringComparison.Ordinal), $"not one line for '{what}': {err}");
        foreach (var e in expected) Assert.True(err.Contains(e, StringComparison.Ordinal), $"'{e}' not in: {err}");
    }

    [Theory]
    [InlineData("--hidden", "100000,100000", "at most 65536")]
    [InlineData("--boundary-points", "2000000000", "at most 100000000")]
    [InlineData("--points", "2000000000", "at most 100000000")]
    [InlineData("--fourier-features", "1:100000", "at most 16384")]
    public void SizeBeyondItsBound_ExitsTwoNamingTheBoundAndTheMemory(string option, string value, string bound) =>
        AssertRefused(["solve", "poisson2d", "--optimizer", "adam:2", option, value, "--quiet"], option.TrimStart('-').Split('-')[0], bound, "would need about");

    [Fact]
    public void TooManyLayers_ExitsTwo() =>
        AssertRefused(["solve", "poisson2d", "--optimizer", "adam:2", "--hidden", string.Join(",", Enumerable.Repeat(4, 1001)), "--quiet"],
            "at most 1000 hidden layers", "would need about");

    [Fact]
    public void CausalChunksBeyondTheBound_ExitsTwo() =>
        AssertRefused(["solve", "heat1d", "--optimizer", "adam:2", "--causal", "1:2000000000", "--quiet"], "--causal", "at most 100000", "would need about");

    [Fact]
    public void EngdOnAWideNetwork_IsRefusedByTheMemoryEstimate_NamingTheMatrixAndTheAlternative() =>
        AssertRefused(["solve", "poisson2d", "--optimizer", "engd:2", "--hidden", "512,512", "--max-memory", "64G", "--quiet"],
            "1.7 TB", "engd's dense 264,705×264,705 matrix", "engd-nystrom", "--max-memory");

    [Theory]
    [InlineData("lbfgs:2:history=1000000000", "lbfgs's history")]
    [InlineData("nncg:2:rank=100000000", "nncg's rank-100,000,000 Nyström sketch")]
    public void OptimizerOptionBeyondMemory_IsRefused(string spec, string part) =>
        AssertRefused(["solve", "poisson2d", "--optimizer", spec, "--hidden", "256,256", "--max-memory", "64G", "--quiet"], part, "would need about");

    [Fact]
    public void Timing_OnAWideNetwork_IsRefused() =>
        AssertRefused(["timing", "poisson2d", "--hidden", "100000,100000"], "--hidden", "at most 65536", "would need about");

    [Theory]
    [InlineData("--threads", "100000")]
    [InlineData("--max-memory", "lots")]
    [InlineData("--max-memory", "-1G")]
    public void AbsurdValue_ExitsTwo(string option, string value) =>
        AssertRefused(["solve", "poisson2d", "--optimizer", "adam:2", option, value, "--quiet"], option);

    [Theory]
    [InlineData("--points")]
    [InlineData("--optimizer")]
    [InlineData("--out")]
    public void OptionWithoutItsValue_IsNamed(string option)
    {
        AssertRefused(["solve", "poisson2d", option], $"{option} needs a value");
        AssertRefused(["solve", "poisson2d", option, "--quiet"], $"{option} needs a value");
    }

    [Fact]
    public void ArgumentsAfterDoubleDash_AndStrayPositionals_AreRejected()
    {
        AssertRefused(["solve", "poisson2d", "--optimizer", "adam:2", "--", "--hidden", "3"], "after '--'", "--hidden 3");
        AssertRefused(["solve", "poisson2d", "--optimizer", "adam:2", "extra"], "extra");
        AssertRefused(["verify", "a.h5", "b.h5"], "b.h5");
    }

    [Fact]
    public void Solve_RemovesTemporaryFilesLeftByAKilledRun()
    {
        using var dir = Cli.TemporaryDirectory();
        using var finished = System.Diagnostics.Process.Start("true")!;
        finished.WaitForExit();
        var stale = dir[$".r.h5.{finished.Id}-{Guid.NewGuid():N}.tmp"];
        File.WriteAllText(stale, "half a results file");
        var (code, _, err) = Cli.Run("solve", "poisson2d", "--optimizer", "adam:2", "--hidden", "4", "--points", "9",
            "--boundary-points", "8", "--quiet", "--out", dir["r.h5"]);
        Assert.True(code == 0, err);
        Assert.Equal(["r.h5"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }
}
