using PureHDF;

namespace Pinn.Verification;

/// <summary>
/// Writes and reads a <see cref="RunRecord"/> as an HDF5 results file (float64 throughout).
/// </summary>
/// <remarks>
/// Layout (format "pinn-results", version 2):
/// <code>
/// /                        attributes format = "pinn-results", format_version = 2 (int64)
/// /config                  one attribute per configuration entry (string, float64, int64 or bool enum)
/// /network                 attributes widths (int64[]), activation, parameter_names (string[], in order),
///                          input_lower, input_upper (float64[d]), embedding_passthrough (int64[d], 1 where a coordinate
///                          is passed through; only with an embedding), embeddings, hard_form (strings): <see cref="NetworkForm"/>
/// /network/layer0/weight   float64 [out, in]   (one dataset per parameter name)
/// /network/layer0/bias     float64 [out]
/// /history/step            int64   [K]
/// /history/seconds         float64 [K]
/// /history/loss            float64 [K]
/// /history/term_loss       float64 [K, T]   attribute term_names (string[T])
/// /history/rel_l2          float64 [K]      NaN where not evaluated
/// /history/phase           int64   [K]      index into attribute phase_names (string[P])
/// /evaluation/points       float64 [N, d]   attribute coordinate_names (string[d])
/// /evaluation/prediction   float64 [N]
/// /evaluation/exact        float64 [N]      only when an exact solution is known
/// /evaluation/error        float64 [N]
/// /evaluation/hard_offset  float64 [N, c]   A(x) of a hard-constrained output u = A + B·N (c = 1 or outputs), with
/// /evaluation/hard_factor  float64 [N, c]   B(x); only with a hard constraint
/// /provenance              attributes toolkit_version, torchsharp_version, dotnet_version, os, machine,
///                          date (ISO 8601), seed (int64, absent when unset), device, command_line
/// /checkpoint              only in checkpoint files: attributes arguments (string[]), phase, done_in_phase,
///                          step, revision (int64), seconds (float64), reason, optimizer (string)
/// /checkpoint/theta        float64 [P]
/// /checkpoint/optimizer_state/NAME   float64, one dataset per saved array (attribute shape: int64[], absent for a number)
/// /checkpoint/objective_state/NAME   the same for adaptive sampling and attention state (only when the run uses them)
/// </code>
/// Every dataset carries an attribute <c>sha256</c>: the first 16 hex digits of the SHA-256 of its values
/// (little-endian bytes). The groups that hold attributes (<c>/</c>, <c>/config</c>, <c>/network</c>,
/// <c>/provenance</c>, <c>/checkpoint</c>) carry one too, over their other attributes (<see cref="AttributeDigest"/>).
/// The reader recomputes every one and refuses a file where one is missing or differs, naming the dataset or group;
/// it also checks the HDF5 metadata checksums (<see cref="Hdf5Metadata"/>), so a flipped bit anywhere in the
/// structure is caught as the HDF5 library would catch it.
/// Files are written atomically (<see cref="AtomicFile"/>).
/// </remarks>
public static partial class ResultsFile
{
    /// <summary>Value of the root attribute <c>format</c>.</summary>
    public const string FormatName = "pinn-results";

    /// <summary>Value of the root attribute <c>format_version</c> written by this version.</summary>
    public const long FormatVersion = 2;

    /// <summary>
    /// Writes <paramref name="record"/> to <paramref name="path"/>, replacing any existing file only once the new one
    /// is complete. On failure the temporary file is deleted and the target is left as it was.
    /// </summary>
    /// <exception cref="ArgumentException">The record is inconsistent (message names the part).</exception>
    /// <exception cref="IOException">The file cannot be written (one-line message naming the path and problem).</exception>
    public static void Write(string path, RunRecord record) => Write(path, record, beforeCommit: null);

    /// <summary>
    /// Checks, before a long run starts, that <paramref name="path"/> could be written: its directory exists and a
    /// probe file can be created and deleted there, and the path is not a directory.
    /// </summary>
    /// <exception cref="IOException">One-line message saying what is wrong.</exception>
    public static void EnsureWritable(string path)
    {
        var target = TargetPath(path);
        var directory = Path.GetDirectoryName(target)!;
        var probe = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.probe");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write results file '{path}': directory '{directory}' is not writable ({AtomicFile.Cause(ex)}).", ex);
        }
        finally
        {
            AtomicFile.Discard(probe);
        }
    }

    /// <summary>
    /// <see cref="Write(string, RunRecord)"/> with a hook called after the temporary file is complete and before it
    /// is renamed (tests use it to inject a failure).
    /// </summary>
    internal static void Write(string path, RunRecord record, Action<string>? beforeCommit)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.Validate();
        WriteAtomically(path, Build(record), beforeCommit);
    }

    /// <summary>Writes <paramref name="record"/> after <paramref name="tamper"/> changed the HDF5 objects (tests build damaged files with it).</summary>
    internal static void Write(string path, RunRecord record, Action<H5File> tamper)
    {
        record.Validate();
        var file = Build(record);
        tamper(file);
        WriteAtomically(path, file);
    }

    /// <summary>
    /// Writes <paramref name="file"/> to a temporary file in <paramref name="path"/>'s directory and renames it over the target;
    /// on failure the temporary file is deleted, the target left as it was, and an <see cref="IOException"/> names the path.
    /// </summary>
    internal static void WriteAtomically(string path, H5File file, Action<string>? beforeCommit = null)
    {
        TargetPath(path);
        AtomicFile.Write(path, stream => file.Write(stream), "results file", beforeCommit);
    }

    /// <summary>The full target path after checking that its directory exists and it is not itself a directory.</summary>
    private static string TargetPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string target;
        try
        {
            target = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new IOException($"cannot write results file '{path}': the path is not valid ({OneLine(ex.Message)}).", ex);
        }
        if (Directory.Exists(target))
        {
            throw new IOException($"cannot write results file '{path}': it is a directory.");
        }
        var directory = Path.GetDirectoryName(target);
        if (directory is null || string.IsNullOrEmpty(Path.GetFileName(target)))
        {
            throw new IOException($"cannot write results file '{path}': the path names no file.");
        }
        if (!Directory.Exists(directory))
        {
            var what = File.Exists(directory) ? "is a file, not a directory" : "does not exist";
            throw new IOException($"cannot write results file '{path}': directory '{directory}' {what}.");
        }
        return target;
    }

    private static H5File Build(RunRecord record)
    {
        var file = new H5File();
        file.Attributes["format"] = FormatName;
        file.Attributes["format_version"] = FormatVersion;

        var config = new H5Group();
        foreach (var (key, raw) in record.Config)
        {
            var value = ConfigValues.Normalize(key, raw);
            config.Attributes[key] = value is bool flag ? ToHdf5(flag) : value;
        }
        file["config"] = config;
        file["network"] = NetworkGroup(record.Network);
        file["history"] = HistoryGroup(record.History);
        file["evaluation"] = EvaluationGroup(record.Evaluation);
        file["provenance"] = ProvenanceGroup(record.Provenance);
        if (record.Checkpoint is { } checkpoint)
        {
            file["checkpoint"] = CheckpointGroup(checkpoint);
        }
        Seal(file);
        Seal(config);
        return file;
    }

    private static H5Group NetworkGroup(NetworkRecord network)
    {
        var group = new H5Group();
        group.Attributes["widths"] = (long[])network.Widths.Clone();
        group.Attributes["activation"] = network.Activation;
        group.Attributes["parameter_names"] = network.Parameters.Select(p => p.Name).ToArray();
        if (network.Form is { } form)
        {
            group.Attributes["input_lower"] = (double[])form.InputLower.Clone();
            group.Attributes["input_upper"] = (double[])form.InputUpper.Clone();
            if (form.Passthrough is not null) group.Attributes["embedding_passthrough"] = (long[])form.Passthrough.Clone();
            group.Attributes["embeddings"] = form.Embeddings.Length == 0 ? "" : string.Join("; ", form.Embeddings);
            group.Attributes["hard_form"] = form.HardForm;
        }
        foreach (var parameter in network.Parameters)
        {
            var segments = parameter.PathSegments();
            var parent = group;
            foreach (var segment in segments[..^1])
            {
                if (!parent.TryGetValue(segment, out var child))
                {
                    child = new H5Group();
                    parent[segment] = child;
                }
                parent = (H5Group)child;
            }
            parent[segments[^1]] = Dataset((double[])parameter.Values.Clone(), parameter.Shape.Select(d => (ulong)d).ToArray());
        }
        Seal(group);
        return group;
    }

    private static H5Group HistoryGroup(HistoryRecord history)
    {
        var phaseNames = history.PhaseNames();
        var phaseIndex = history.Phase.Select(p => (long)Array.IndexOf(phaseNames, p)).ToArray();
        var termLoss = Matrix(history.TermLoss);
        termLoss.Attributes["term_names"] = (string[])history.TermNames.Clone();
        var phase = Dataset(phaseIndex, [(ulong)phaseIndex.Length]);
        phase.Attributes["phase_names"] = phaseNames;
        return new H5Group
        {
            ["step"] = Dataset((long[])history.Step.Clone(), [(ulong)history.Step.Length]),
            ["seconds"] = Vector(history.Seconds),
            ["loss"] = Vector(history.Loss),
            ["term_loss"] = termLoss,
            ["rel_l2"] = Vector(history.RelativeL2),
            ["phase"] = phase,
        };
    }

    private static H5Group EvaluationGroup(EvaluationRecord evaluation)
    {
        var points = Matrix(evaluation.Points);
        points.Attributes["coordinate_names"] = (string[])evaluation.CoordinateNames.Clone();
        var group = new H5Group
        {
            ["points"] = points,
            ["prediction"] = Vector(evaluation.Prediction),
        };
        if (evaluation.Exact is not null)
        {
            group["exact"] = Vector(evaluation.Exact);
        }
        group["error"] = Vector(evaluation.Error);
        if (evaluation.HardOffset is not null)
        {
            group["hard_offset"] = Matrix(evaluation.HardOffset);
            group["hard_factor"] = Matrix(evaluation.HardFactor!);
        }
        return group;
    }

    internal static H5Group ProvenanceGroup(ProvenanceRecord provenance)
    {
        var group = new H5Group();
        group.Attributes["toolkit_version"] = provenance.ToolkitVersion;
        group.Attributes["torchsharp_version"] = provenance.TorchSharpVersion;
        group.Attributes["dotnet_version"] = provenance.DotNetVersion;
        group.Attributes["os"] = provenance.OperatingSystem;
        group.Attributes["machine"] = provenance.Machine;
        group.Attributes["date"] = provenance.Date.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        if (provenance.Seed is long seed)
        {
            group.Attributes["seed"] = seed;
        }
        group.Attributes["device"] = provenance.Device;
        group.Attributes["command_line"] = provenance.CommandLine;
        Seal(group);
        return group;
    }

    private static H5Group StateGroup(IReadOnlyList<NamedArray> arrays)
    {
        var state = new H5Group();
        foreach (var array in arrays)
        {
            var dataset = Dataset((double[])array.Values.Clone(), [(ulong)array.Values.Length]);
            if (array.Shape.Length > 0)
            {
                dataset.Attributes["shape"] = (long[])array.Shape.Clone();
            }
            state[array.Name] = dataset;
        }
        return state;
    }

    private static H5Group CheckpointGroup(CheckpointRecord checkpoint)
    {
        var group = new H5Group
        {
            ["theta"] = Vector(checkpoint.Theta),
            ["optimizer_state"] = StateGroup(checkpoint.OptimizerState),
        };
        if (checkpoint.ObjectiveState.Count > 0)
        {
            group["objective_state"] = StateGroup(checkpoint.ObjectiveState);
        }
        group.Attributes["arguments"] = (string[])checkpoint.Arguments.Clone();
        group.Attributes["phase"] = checkpoint.Phase;
        group.Attributes["done_in_phase"] = checkpoint.DoneInPhase;
        group.Attributes["step"] = checkpoint.Step;
        group.Attributes["seconds"] = checkpoint.Seconds;
        group.Attributes["revision"] = checkpoint.Revision;
        group.Attributes["reason"] = checkpoint.Reason;
        group.Attributes["optimizer"] = checkpoint.Optimizer;
        Seal(group);
        return group;
    }

    /// <summary>Adds the <c>sha256</c> attribute over the group's other attributes.</summary>
    private static void Seal(H5Object group) => group.Attributes[AttributeDigest.Name] = AttributeDigest.Of(group.Attributes);

    private static H5Dataset Vector(double[] values) => Dataset((double[])values.Clone(), [(ulong)values.Length]);

    private static H5Dataset Matrix(double[,] values)
    {
        var flat = new double[values.Length];
        Buffer.BlockCopy(values, 0, flat, 0, values.Length * sizeof(double));
        return Dataset(flat, [(ulong)values.GetLength(0), (ulong)values.GetLength(1)]);
    }

    internal static H5Dataset Dataset<T>(T[] flat, ulong[] dimensions) where T : unmanaged
    {
        var dataset = new H5Dataset(flat, fileDims: dimensions);
        dataset.Attributes["sha256"] = Checksum(flat);
        return dataset;
    }

    /// <summary>The first 16 hex digits of the SHA-256 of the values' little-endian bytes.</summary>
    internal static string Checksum<T>(T[] values) where T : unmanaged
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16].ToLowerInvariant();
    }

    private static Hdf5Bool ToHdf5(bool flag) => flag ? Hdf5Bool.TRUE : Hdf5Bool.FALSE;

    /// <summary>The first line of a message, without a trailing period, for one-line errors.</summary>
    private static string OneLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.TrimEnd('.');
    }
}
