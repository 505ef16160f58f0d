using Pinn.Solver.Tests.Cli;
using Pinn.Verification;
using PureHDF;

namespace Pinn.Solver.Tests.Corpus;

/// <summary>
/// Damaged and tampered copies of a small valid run (a results file and an L-BFGS checkpoint), each with the command
/// that reads it and the exit code that command must give: 1 when the file is well formed but its numbers disagree
/// with its network (tampering that updated every checksum), 2 when the file is refused on reading (a checksum that
/// does not match or is missing, HDF5 damage, counters a run cannot reach).
/// </summary>
internal static class IntegrityCorpus
{
    /// <summary>One corpus entry: <paramref name="Make"/> writes the file to the given path.</summary>
    public sealed record Case(string Name, string Command, int Exit, string Expect, Action<string> Make)
    {
        public override string ToString() => Name;
    }

    private static readonly Lazy<(byte[] Results, byte[] Checkpoint, string Directory)> Valid = new(() =>
    {
        using var dir = Cli.Cli.TemporaryDirectory();
        var (code, _, err) = Cli.Cli.Run("solve", "poisson2d", "--optimizer", "lbfgs:25", "--hidden", "8", "--points", "49",
            "--boundary-points", "24", "--quiet", "--out", dir["r.h5"], "--checkpoint-every", "10", "--checkpoint", dir["c.h5"]);
        Assert.True(code == 0, err);
        return (File.ReadAllBytes(dir["r.h5"]), File.ReadAllBytes(dir["c.h5"]), dir.Path);
    });

    /// <summary>The valid results file (checked by the corpus test too: verify must pass it).</summary>
    public static byte[] ValidResults => Valid.Value.Results;

    /// <summary>The valid checkpoint (at step 20 of lbfgs:25, with L-BFGS pairs).</summary>
    public static byte[] ValidCheckpoint => Valid.Value.Checkpoint;

    /// <summary>The valid checkpoint with its stored arguments (--out, --checkpoint) moved into the directory of <paramref name="path"/>,
    /// rewritten by the toolkit (checksums consistent), changed by <paramref name="change"/>.</summary>
    public static void WriteCheckpoint(string path, Func<CheckpointRecord, CheckpointRecord>? change = null)
    {
        var record = ResultsFile.Read(Copy(ValidCheckpoint));
        var c = record.Checkpoint!;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        c = c with { Arguments = c.Arguments.Select(a => a.Replace(Valid.Value.Directory, directory, StringComparison.Ordinal)).ToArray() };
        ResultsFile.Write(path, record with { Checkpoint = change is null ? c : change(c) });
    }

    public static IEnumerable<Case> Cases()
    {
        // Numbers changed and every checksum updated (the file rewritten by the toolkit): verify recomputes and fails.
        yield return Rewritten("config rel_l2 = NaN", "rel_l2: recorded NaN", r => r.Config["rel_l2"] = double.NaN);
        yield return Rewritten("config rel_l2 a string", "not a number", r => r.Config["rel_l2"] = "1e-9");
        yield return Rewritten("config abs_l2 removed", "/config@abs_l2 is missing", r => r.Config.Remove("abs_l2"));
        yield return Rewritten("config linf halved", "linf: recorded", r => r.Config["linf"] = (double)r.Config["linf"] / 2);
        yield return Rewritten("config loss halved", "recorded loss disagrees", r => r.Config["loss"] = (double)r.Config["loss"] / 2);
        yield return Rewritten("config loss a string", "not a number", r => r.Config["loss"] = "0");
        yield return Rewritten("/evaluation/error halved", "/evaluation/error is not prediction − exact", r => Halve(r.Evaluation.Error));
        yield return Rewritten("/evaluation/exact deleted", "/evaluation/exact is missing", r => r with { Evaluation = r.Evaluation with { Exact = null } });
        yield return Rewritten("/evaluation/prediction shifted", "does not reproduce", r => r.Evaluation.Prediction[3] += 1e-6);
        yield return Rewritten("a network weight changed", "does not reproduce", r => r.Network.Parameters[0].Values[0] += 1e-3);
        yield return Rewritten("/network@input_lower changed", "input box differs", r =>
            r with { Network = r.Network with { Form = r.Network.Form! with { InputLower = [-1, 0] } } });
        yield return Rewritten("hard constraint added to a plain run", "hard constraint the run's problem does not have", r =>
        {
            var ones = new double[r.Evaluation.PointCount, 1];
            return r with { Evaluation = r.Evaluation with { HardOffset = ones, HardFactor = ones } };
        });
        // Checksums left stale or removed: refused on reading.
        yield return Tampered("config loss changed, /config@sha256 stale", "attributes of /config that do not match", (f, _) => Group(f, "config").Attributes["loss"] = 1e-12);
        yield return Tampered("config rel_l2 = NaN, /config@sha256 stale", "attributes of /config that do not match", (f, _) => Group(f, "config").Attributes["rel_l2"] = double.NaN);
        yield return Tampered("/config@sha256 deleted", "no checksum /config@sha256", (f, _) => Group(f, "config").Attributes.Remove("sha256"));
        yield return Tampered("/evaluation/prediction@sha256 deleted", "no checksum /evaluation/prediction@sha256", (f, _) => Dataset(f, "evaluation", "prediction").Attributes.Remove("sha256"));
        yield return Tampered("/network/layer0/weight@sha256 deleted", "no checksum /network/layer0/weight@sha256", (f, _) => Dataset(Group(f, "network"), "layer0", "weight").Attributes.Remove("sha256"));
        yield return Tampered("/network@activation changed, checksum stale", "attributes of /network that do not match", (f, _) => Group(f, "network").Attributes["activation"] = "sin");
        yield return Tampered("/evaluation/error halved, checksum stale", "/evaluation/error whose values do not match", (f, r) =>
        {
            Halve(r.Evaluation.Error);
            Replace(Group(f, "evaluation"), "error", r.Evaluation.Error);
        });
        yield return Tampered("root attribute added, /@sha256 stale", "attributes of / that do not match", (f, _) => f.Attributes["note"] = "edited");
        // HDF5-level damage: what h5py refuses with "incorrect metadata checksum", and truncation.
        yield return Flipped("results", "verify", 480, 0x10);
        yield return Flipped("results", "verify", 20, 0x01);        // superblock: end-of-file address
        yield return Flipped("results", "verify", -12, 0x04);       // root group's object header (written last)
        yield return new Case("results truncated by 1 byte", "verify", 2, "truncated", p => File.WriteAllBytes(p, ValidResults[..^1]));
        // Checkpoints: counters and optimizer state a run cannot reach, with and without consistent checksums.
        yield return Checkpoint("checkpoint step = 1e12", "beyond the 25 steps", c => c with { Step = 1_000_000_000_000 });
        yield return Checkpoint("checkpoint step = 19", "its history ends at step 20", c => c with { Step = 19 });
        yield return Checkpoint("checkpoint seconds = NaN", "NaN seconds", c => c with { Seconds = double.NaN });
        yield return Checkpoint("checkpoint seconds = -1", "-1 seconds", c => c with { Seconds = -1 });
        yield return Checkpoint("checkpoint L-BFGS pairs NaN", "holds NaN in /checkpoint/optimizer_state/", c =>
        {
            var pairs = c.OptimizerState.Where(a => a.Name.EndsWith(".s", StringComparison.Ordinal) || a.Name.EndsWith(".y", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(pairs);
            foreach (var a in pairs) Array.Fill(a.Values, double.NaN);
            return c;
        });
        yield return Checkpoint("checkpoint theta NaN", "non-finite parameter", c => { c.Theta[0] = double.NaN; return c; });
        yield return new Case("checkpoint step = 1e12, /checkpoint@sha256 stale", "resume", 2, "attributes of /checkpoint that do not match",
            p => ResultsFile.Write(p, ResultsFile.Read(Copy(ValidCheckpoint)), f => Group(f, "checkpoint").Attributes["step"] = 1_000_000_000_000L));
        yield return new Case("checkpoint seconds = NaN, /checkpoint@sha256 stale", "resume", 2, "attributes of /checkpoint that do not match",
            p => ResultsFile.Write(p, ResultsFile.Read(Copy(ValidCheckpoint)), f => Group(f, "checkpoint").Attributes["seconds"] = double.NaN));
        yield return new Case("checkpoint /checkpoint@sha256 deleted", "resume", 2, "no checksum /checkpoint@sha256",
            p => ResultsFile.Write(p, ResultsFile.Read(Copy(ValidCheckpoint)), f => Group(f, "checkpoint").Attributes.Remove("sha256")));
        yield return Flipped("checkpoint", "resume", 480, 0x10);
        yield return Flipped("checkpoint", "verify", 480, 0x10);
    }

    private static Case Rewritten(string name, string expect, Func<RunRecord, object?> change) => new(name + " (checksums updated)", "verify", 1, expect, path =>
    {
        var record = ResultsFile.Read(Copy(ValidResults));
        var changed = change(record) as RunRecord ?? record;
        ResultsFile.Write(path, changed);
    });

    private static Case Tampered(string name, string expect, Action<H5File, RunRecord> tamper) =>
        new(name, "verify", 2, expect, path =>
        {
            var record = ResultsFile.Read(Copy(ValidResults));
            ResultsFile.Write(path, record, f => tamper(f, record));
        });

    private static Case Checkpoint(string name, string expect, Func<CheckpointRecord, CheckpointRecord> change) =>
        new(name + " (checksums updated)", "resume", 2, expect, path => WriteCheckpoint(path, change));

    private static Case Flipped(string which, string command, int at, byte mask) =>
        new($"{which}: bit flipped at byte {(at < 0 ? $"end{at}" : at)}, {command}", command, 2, "does not match its checksum", path =>
    {
        var bytes = (byte[])(which == "results" ? ValidResults : ValidCheckpoint).Clone();
        bytes[at < 0 ? bytes.Length + at : at] ^= mask;
        File.WriteAllBytes(path, bytes);
    });

    private static object? Halve(double[] values)
    {
        for (int i = 0; i < values.Length; i++) values[i] /= 2;
        return null;
    }

    private static H5Group Group(H5Group parent, string name) => (H5Group)parent[name];

    private static H5Dataset Dataset(H5Group parent, string group, string name) => (H5Dataset)Group(parent, group)[name];

    /// <summary>Replaces a float64 vector by a changed copy, keeping its old attributes (so its checksum is stale).</summary>
    private static void Replace(H5Group group, string name, double[] values)
    {
        var old = (H5Dataset)group[name];
        var replacement = new H5Dataset(values, fileDims: [(ulong)values.Length]);
        foreach (var (key, value) in old.Attributes) replacement.Attributes[key] = value;
        group[name] = replacement;
    }

    /// <summary>A copy of <paramref name="bytes"/> in a temporary file, for <see cref="ResultsFile.Read"/>.</summary>
    private static string Copy(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pinn-corpus-{Guid.NewGuid():N}.h5");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
