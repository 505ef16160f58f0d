using Pinn.Solver.Cli;

namespace Pinn.Solver.Tests.Cli;

/// <summary>
/// Random malformed argument lists and damaged results files: the program answers each with exit code 2,
/// one line on stderr, no stack trace, and leaves no file behind.
/// </summary>
[Collection("console")]
public class FuzzTests
{
    private static readonly string[] BadCounts = ["0", "-3", "x", "1.5", "", "99999999999", "1e3", "NaN", " "];
    private static readonly string[] CountOptions = ["--points", "--boundary-points", "--threads"];

    /// <summary>A valid small solve plus exactly one mistake that is caught before any work starts.</summary>
    private static string[] MalformedList(Random random, TemporaryDirectory dir)
    {
        var args = new List<string> { "solve", "poisson2d", "--optimizer", "adam:2", "--hidden", "4", "--points", "9",
            "--boundary-points", "8", "--quiet", "--out", dir["out.h5"], "--checkpoint", dir["ck.h5"] };
        string Word() => new(Enumerable.Range(0, random.Next(1, 9)).Select(_ => (char)('a' + random.Next(26))).ToArray());
        switch (random.Next(14))
        {
            case 0: args.Insert(random.Next(2, args.Count + 1), $"--{Word()}-{Word()}"); break;
            case 1: args[1] = Word() + "9d"; break;
            case 2:
                var option = CountOptions[random.Next(CountOptions.Length)];
                args.AddRange([option, BadCounts[random.Next(BadCounts.Length)]]);
                break;
            case 3: args[3] = $"{Word()}x:{random.Next(1, 9)}"; break;
            case 4: args[3] = $"adam:{-random.Next(0, 5)}"; break;
            case 5: args[3] = $"adam:2:{Word()}=1"; break;
            case 6: args[3] = $"adam:2:lr={Word()}"; break;
            case 7: args.Add(new[] { "--optimizer", "--hidden", "--points", "--out", "--weight", "--seed" }[random.Next(6)]); break;
            case 8: args[5] = $"{random.Next(1, 9)},{-random.Next(0, 3)}"; break;
            case 9: args.AddRange(["--weight", $"{Word()}={random.NextDouble()}"]); break;
            case 10: args[^3] = Path.Combine(dir.Path, Word(), "out.h5"); break;
            case 11: args[^3] = dir[Word() + ".txt"]; break;
            case 12: args.AddRange(["--activation", Word() + "7"]); break;
            default:
                args = random.Next(3) switch
                {
                    0 => ["verify", dir[Word() + ".h5"]],
                    1 => ["resume", dir[Word() + ".h5"]],
                    _ => ["verify", dir[Word() + ".h5"], "--max-rel-l2", new[] { "0", "-1", "x", "" }[random.Next(4)]],
                };
                break;
        }
        return [.. args];
    }

    private static void AssertUsageError(string[] args, int code, string err, string dir)
    {
        var what = string.Join(' ', args);
        Assert.True(code == ExitCodes.Usage, $"exit {code} for '{what}': {err}");
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1 && lines[0].StartsWith("pinn: "), $"not one 'pinn:' line for '{what}': {err}");
        Assert.DoesNotContain("   at ", err);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void TwoHundredMalformedArgumentLists_EachExitsTwoWithOneLineAndNoFile()
    {
        var random = new Random(20261130);
        using var dir = Cli.TemporaryDirectory();
        for (int i = 0; i < 200; i++)
        {
            var args = MalformedList(random, dir);
            var (code, _, err) = Cli.Run(args);
            AssertUsageError(args, code, err, dir.Path);
        }
    }

    [Fact]
    public void FiftyCorruptedResultsFiles_EachExitsTwoWithOneLine()
    {
        using var source = Cli.TemporaryDirectory();
        Assert.Equal(0, Cli.Run("solve", "poisson2d", "--optimizer", "adam:3", "--hidden", "4", "--points", "16",
            "--boundary-points", "8", "--quiet", "--out", source["r.h5"], "--checkpoint-every", "3", "--checkpoint", source["c.h5"]).Code);
        var valid = File.ReadAllBytes(source["c.h5"]);
        var record = Pinn.Verification.ResultsFile.Read(source["c.h5"]);
        var variants = Corruption.Variants(valid, record.Evaluation.Prediction, new Random(7)).ToList();
        Assert.Equal(50, variants.Count);
        using var dir = Cli.TemporaryDirectory();
        var commands = new[] { "verify", "resume" };
        for (int i = 0; i < variants.Count; i++)
        {
            var (label, bytes) = variants[i];
            var path = dir["damaged.h5"];
            File.WriteAllBytes(path, bytes);
            string[] args = [commands[i % commands.Length], path];
            var (code, _, err) = Cli.Run(args);
            File.Delete(path);
            AssertUsageError([label, .. args], code, err, dir.Path);
        }
    }
}
