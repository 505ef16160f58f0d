using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Solver.Cli;

namespace Pinn.Solver.Tests;

/// <summary>CLI tests swap Console.Out/Error, so they run one at a time.</summary>
[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;

[Collection("console")]
public class CommandLineTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => Cli.Cli.Run(args);

    public static TheoryData<string[]> BadArguments => new()
    {
        new[] { "solve", "poisson9d" },
        new[] { "solve", "poisson2d", "--optimizer", "adm:10" },
        new[] { "solve", "poisson2d", "--optimizer", "adam:0" },
        new[] { "solve", "poisson2d", "--optimizer", "adam:10:lr=abc" },
        new[] { "solve", "poisson2d", "--optimizer", "adam:10:bogus=1" },
        new[] { "solve", "poisson2d", "--optimizer", "," },
        new[] { "solve", "poisson2d", "--points", "0" },
        new[] { "solve", "poisson2d", "--points", "-5" },
        new[] { "solve", "poisson2d", "--boundary-points", "x" },
        new[] { "solve", "poisson2d", "--hidden", "64,0" },
        new[] { "solve", "poisson2d", "--hidden", "" },
        new[] { "solve", "poisson2d", "--activation", "relu6" },
        new[] { "solve", "poisson2d", "--threads", "0" },
        new[] { "solve", "poisson2d", "--device", "tpu" },
        new[] { "solve", "poisson2d", "--out", "/nonexistent-dir/run.h5" },
        new[] { "solve", "poisson2d", "--out", "run.txt" },
        new[] { "solve" },
        new[] { "solve", "poisson2d", "--no-such-flag" },
        new[] { "frobnicate" },
        new[] { "solve", "poisson2d", "--weight", "boundary" },
        new[] { "solve", "poisson2d", "--weight", "nosuchterm=2" },
        new[] { "solve", "poisson2d", "--weight", "boundary=-1" },
        new[] { "solve", "poisson2d", "--resample-every", "x" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Run_BadArguments_OneLineErrorAndExitCode2(string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(ExitCodes.Usage, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("pinn: ", lines[0]);
        Assert.DoesNotContain("   at ", err);
    }

    [Property(MaxTest = 60)]
    public Property Run_RandomOptimizerSpec_NeverCrashes(NonNull<string> spec)
    {
        // Only specs that fail validation are run to completion here; a valid one would start training.
        var s = spec.Get.Replace("\n", "");
        bool valid;
        try { Pinn.Optimizers.OptimizerSpec.Parse(s); valid = true; } catch (Exception e) when (e is FormatException or ArgumentException) { valid = false; }
        if (valid) return true.ToProperty();
        var (code, _, err) = Run("solve", "poisson2d", "--optimizer", s);
        return (code == ExitCodes.Usage && !err.Contains("   at ")).Label($"exit {code}: {err}");
    }

    [Fact]
    public void Solve_ShortRun_WritesJsonAndResultsFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pinn-test-{Guid.NewGuid():N}.h5");
        try
        {
            var (code, output, err) = Run("solve", "heat1d", "--optimizer", "adam:20,lbfgs:10", "--hidden", "8",
                "--points", "64", "--boundary-points", "20", "--json", "--quiet", "--out", path);
            Assert.True(code == 0, err);
            var json = System.Text.Json.JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
            foreach (var key in new[] { "problem", "optimizer", "steps", "seconds", "loss", "rel_l2", "linf", "parameters" })
                Assert.True(json.TryGetProperty(key, out _), key);
            Assert.Equal(30, json.GetProperty("steps").GetInt32());
            var record = Pinn.Verification.ResultsFile.Read(path);
            Assert.Equal(30, record.History.Step.Length);
            Assert.True(record.Evaluation.Prediction.Length >= 10_000);
            Assert.Empty(Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*tmp*"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void List_PrintsProblemsAndOptimizers()
    {
        var (code, output, _) = Run("list");
        Assert.Equal(0, code);
        Assert.Contains("poisson2d", output);
        Assert.Contains("lbfgs", output);
    }
}
