using Pinn.Solver.Cli;

namespace Pinn.Solver.Tests.Corpus;

/// <summary>
/// Every case of <see cref="IntegrityCorpus"/> through the real <c>pinn verify</c> or <c>pinn resume</c>: the expected
/// exit code, one <c>pinn:</c> line on stderr, no stack trace.
/// </summary>
[Collection("console")]
public class IntegrityCorpusTests
{
    public static TheoryData<string> CaseNames() => new(IntegrityCorpus.Cases().Select(c => c.Name));

    [Fact]
    public void ValidFiles_Verify_AndTheCheckpointResumes()
    {
        using var dir = Cli.Cli.TemporaryDirectory();
        File.WriteAllBytes(dir["r.h5"], IntegrityCorpus.ValidResults);
        IntegrityCorpus.WriteCheckpoint(dir["c.h5"]);
        var (code, output, err) = Cli.Cli.Run("verify", dir["r.h5"]);
        Assert.True(code == ExitCodes.Ok, output + err);
        Assert.Contains("ok   loss: recorded", output);
        (code, output, err) = Cli.Cli.Run("verify", dir["c.h5"]);
        Assert.True(code == ExitCodes.Ok, output + err);
        (code, _, err) = Cli.Cli.Run("resume", dir["c.h5"]);
        Assert.True(code == ExitCodes.Ok, err);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void DamagedOrTamperedFile_GivesItsExitCodeAndOneLine(string name)
    {
        var entry = IntegrityCorpus.Cases().Single(c => c.Name == name);
        using var dir = Cli.Cli.TemporaryDirectory();
        var path = dir["case.h5"];
        entry.Make(path);
        var (code, output, err) = Cli.Cli.Run(entry.Command, path);
        Assert.True(code == entry.Exit, $"{name}: {entry.Command} exited {code}, expected {entry.Exit}: {err}");
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("pinn: resuming", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1 && lines[0].StartsWith("pinn: ", StringComparison.Ordinal), $"{name}: not one 'pinn:' line: {err}");
        Assert.DoesNotContain("   at ", err);
        Assert.True(err.Contains(entry.Expect, StringComparison.Ordinal), $"{name}: expected '{entry.Expect}' in: {err}");
        if (entry.Exit == ExitCodes.Failure) Assert.Contains("FAIL", output);
    }
}
