using System.Globalization;
using System.Text.RegularExpressions;

namespace Pinn.Solver.Tests.Cli;

/// <summary>
/// Resident memory of a training run must level off after warm-up. Run as a child process, so the resident size is
/// the run's own (read from the progress lines, which print <c>/proc/self/status</c>'s VmRSS). The case is one where
/// the heap grew by about 0.25 MB per step before the training loop freed unreferenced TorchSharp scalars
/// (289 → 399 MB between steps 200 and 600); with the fix it moves by a few megabytes.
/// </summary>
public class MemoryGrowthTests
{
    private const int Steps = 600, WarmUp = 200, EvalEvery = 50;
    private const long AllowedGrowthMb = 20;

    [Fact]
    public async Task ResidentMemory_AfterWarmUp_StopsGrowing()
    {
        using var dir = Cli.TemporaryDirectory();
        using var process = Cli.Start(dir.Path, "solve", "burgers", "--hard", "--hidden", "20,20", "--points", "1024",
            "--optimizer", $"adam:{Steps}", "--eval-every", $"{EvalEvery}", "--threads", "1", "--no-recipe");
        var errorsRead = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var errors = await errorsRead;
        Assert.True(process.ExitCode == 0, errors);

        var rss = ResidentSizes(errors);
        Assert.Equal(Steps / EvalEvery, rss.Count);
        long atWarmUp = rss[WarmUp];
        long highest = rss.Where(r => r.Key > WarmUp).Max(r => r.Value);
        Assert.True(highest - atWarmUp <= AllowedGrowthMb,
            $"resident memory grew from {atWarmUp} MB at step {WarmUp} to {highest} MB by step {Steps}: " +
            string.Join(", ", rss.Select(r => $"{r.Key}:{r.Value}")));
    }

    /// <summary>Step → resident MB from the progress log lines.</summary>
    private static SortedDictionary<long, long> ResidentSizes(string log)
    {
        var sizes = new SortedDictionary<long, long>();
        foreach (Match m in Regex.Matches(log, @"step +(\d+)/\d+ .* rss (\d+) MB"))
            sizes[long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)] = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return sizes;
    }
}
