using System.Globalization;
using PureHDF;

namespace Pinn.Verification;

public static partial class ResultsFile
{
    /// <summary>Reads a results file written by <see cref="Write(string, RunRecord)"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is empty, truncated, not HDF5, not a pinn-results file, of a newer format version, or its parts
    /// are missing or inconsistent; the one-line message names the problem.
    /// </exception>
    /// <exception cref="IOException">The file exists but cannot be opened (e.g. no permission).</exception>
    public static RunRecord Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new InvalidDataException($"results file '{path}' is a directory.");
        }
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"results file '{path}' does not exist.", path);
        }

        string? problem;
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
            problem = Hdf5Superblock.Diagnose(stream) ?? Hdf5Metadata.Diagnose(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot read results file '{path}': {OneLine(ex.Message)}.", ex);
        }
        if (problem is not null)
        {
            throw new InvalidDataException($"results file '{path}' {problem}.");
        }

        try
        {
            using var file = H5File.OpenRead(full);
            return new RecordReader(new FileInfo(full).Length).Read(file);
        }
        catch (FormatProblem ex)
        {
            throw new InvalidDataException($"results file '{path}' {ex.Message}.");
        }
        catch (Exception ex)
        {
            // Includes OutOfMemoryException: a damaged length field makes the HDF5 reader ask for a huge buffer.
            throw new InvalidDataException(
                $"results file '{path}' is damaged or not a pinn-results file ({ex.GetType().Name}: {OneLine(ex.Message)}).", ex);
        }
    }

    /// <summary>Reads the parts of a record; <c>fileLength</c> bounds what a dataset may claim to hold.</summary>
    private sealed class RecordReader(long fileLength)
    {
        public RunRecord Read(IH5Group root)
        {
            if (!root.AttributeExists("format"))
            {
                throw new FormatProblem($"is an HDF5 file but not a {FormatName} file (it has no 'format' attribute)");
            }
            if (ReadScalar(root.Attribute("format"), "/@format") is not string format || format != FormatName)
            {
                throw new FormatProblem($"is an HDF5 file but not a {FormatName} file (its 'format' attribute is not '{FormatName}')");
            }
            if (!root.AttributeExists("format_version")
                || ReadScalar(root.Attribute("format_version"), "/@format_version") is not long version)
            {
                throw new FormatProblem("has no integer 'format_version' attribute");
            }
            if (version == 1)
            {
                throw new FormatProblem($"has format_version 1, written before results files checksummed their attributes; this toolkit reads version {FormatVersion}: run the solve again");
            }
            if (version != FormatVersion)
            {
                throw new FormatProblem($"has format_version {version}; this toolkit reads version {FormatVersion}");
            }
            CheckSeal(root, "/");

            var record = new RunRecord(
                ReadConfig(Group(root, "config")),
                ReadEvaluation(Group(root, "evaluation")),
                ReadHistory(Group(root, "history")),
                ReadNetwork(Group(root, "network")),
                ReadProvenance(Group(root, "provenance")))
            {
                Checkpoint = root.LinkExists("checkpoint") ? ReadCheckpoint(Group(root, "checkpoint")) : null,
            };
            try
            {
                record.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new FormatProblem($"is inconsistent: {OneLine(ex.Message)}");
            }
            return record;
        }

        private OrderedDictionary<string, object> ReadConfig(IH5Group group)
        {
            CheckSeal(group, "/config");
            var config = new OrderedDictionary<string, object>(StringComparer.Ordinal);
            foreach (var attribute in group.Attributes().Where(a => a.Name != AttributeDigest.Name))
            {
                config[attribute.Name] = ReadScalar(attribute, $"/config@{attribute.Name}");
            }
            return config;
        }

        private EvaluationRecord ReadEvaluation(IH5Group group)
        {
            var pointsDataset = Dataset(group, "points", "/evaluation/points");
            var points = ReadMatrix(pointsDataset, "/evaluation/points");
            var names = ReadStrings(pointsDataset, "coordinate_names", "/evaluation/points");
            var exact = group.LinkExists("exact") ? ReadVector(Dataset(group, "exact", "/evaluation/exact"), "/evaluation/exact") : null;
            double[,]? Optional(string name) =>
                group.LinkExists(name) ? ReadMatrix(Dataset(group, name, $"/evaluation/{name}"), $"/evaluation/{name}") : null;
            return new EvaluationRecord(
                points,
                names,
                ReadVector(Dataset(group, "prediction", "/evaluation/prediction"), "/evaluation/prediction"),
                exact,
                ReadVector(Dataset(group, "error", "/evaluation/error"), "/evaluation/error"))
            {
                HardOffset = Optional("hard_offset"),
                HardFactor = Optional("hard_factor"),
            };
        }

        private HistoryRecord ReadHistory(IH5Group group)
        {
            var termLossDataset = Dataset(group, "term_loss", "/history/term_loss");
            var phaseDataset = Dataset(group, "phase", "/history/phase");
            var phaseNames = ReadStrings(phaseDataset, "phase_names", "/history/phase");
            var phase = ReadLongs(phaseDataset, "/history/phase").Select(index =>
                index >= 0 && index < phaseNames.Length
                    ? phaseNames[index]
                    : throw new FormatProblem($"has a phase index {index} in /history/phase outside its {phaseNames.Length} phase names"))
                .ToArray();
            return new HistoryRecord(
                ReadLongs(Dataset(group, "step", "/history/step"), "/history/step"),
                ReadVector(Dataset(group, "seconds", "/history/seconds"), "/history/seconds"),
                ReadVector(Dataset(group, "loss", "/history/loss"), "/history/loss"),
                ReadMatrix(termLossDataset, "/history/term_loss"),
                ReadStrings(termLossDataset, "term_names", "/history/term_loss"),
                ReadVector(Dataset(group, "rel_l2", "/history/rel_l2"), "/history/rel_l2"),
                phase);
        }

        private NetworkRecord ReadNetwork(IH5Group group)
        {
            CheckSeal(group, "/network");
            var widths = RequireAttribute(group, "widths", "/network");
            if (widths.Type.Class != H5DataTypeClass.FixedPoint || widths.Type.Size != 8 || widths.Space.Rank != 1
                || (decimal)widths.Space.Dimensions[0] * 8 > fileLength)
            {
                throw new FormatProblem("has a /network@widths attribute that is not a one-dimensional int64 array");
            }
            var parameters = new List<ParameterArray>();
            foreach (var name in ReadStrings(group, "parameter_names", "/network"))
            {
                var segments = name.Split('/');
                var parent = group;
                var path = "/network";
                foreach (var segment in segments[..^1])
                {
                    path += "/" + segment;
                    parent = Group(parent, segment, path);
                }
                path += "/" + segments[^1];
                var dataset = Dataset(parent, segments[^1], path);
                var values = ReadDoubles(dataset, path, out var dimensions);
                parameters.Add(new ParameterArray(name, dimensions.Select(d => (long)d).ToArray(), values));
            }
            return new NetworkRecord(
                widths.Read<long[]>(),
                RequireString(group, "activation", "/network"),
                parameters) { Form = group.AttributeExists("input_lower") ? ReadForm(group) : null };
        }

        private NetworkForm ReadForm(IH5Group group)
        {
            double[] Doubles(string name) => ReadAny(RequireAttribute(group, name, "/network"), $"/network@{name}") as double[]
                ?? throw new FormatProblem($"has an attribute /network@{name} that is not a float64 array");
            long[]? passthrough = null;
            if (group.AttributeExists("embedding_passthrough"))
                passthrough = ReadAny(group.Attribute("embedding_passthrough"), "/network@embedding_passthrough") as long[]
                    ?? throw new FormatProblem("has an attribute /network@embedding_passthrough that is not an int64 array");
            var embeddings = RequireString(group, "embeddings", "/network");
            return new NetworkForm(Doubles("input_lower"), Doubles("input_upper"), passthrough,
                embeddings.Length == 0 ? [] : embeddings.Split("; "), RequireString(group, "hard_form", "/network"));
        }

        private CheckpointRecord ReadCheckpoint(IH5Group group)
        {
            CheckSeal(group, "/checkpoint");
            long Integer(string name) => ReadScalar(RequireAttribute(group, name, "/checkpoint"), $"/checkpoint@{name}") as long?
                ?? throw new FormatProblem($"has an attribute /checkpoint@{name} that is not an integer");
            var seconds = ReadScalar(RequireAttribute(group, "seconds", "/checkpoint"), "/checkpoint@seconds") as double?
                ?? throw new FormatProblem("has an attribute /checkpoint@seconds that is not a float64");
            var state = ReadState(Group(group, "optimizer_state", "/checkpoint/optimizer_state"), "/checkpoint/optimizer_state");
            var objective = group.LinkExists("objective_state")
                ? ReadState(Group(group, "objective_state", "/checkpoint/objective_state"), "/checkpoint/objective_state")
                : [];
            return new CheckpointRecord(
                ReadStrings(group, "arguments", "/checkpoint"),
                Integer("phase"),
                Integer("done_in_phase"),
                Integer("step"),
                seconds,
                Integer("revision"),
                RequireString(group, "reason", "/checkpoint"),
                ReadVector(Dataset(group, "theta", "/checkpoint/theta"), "/checkpoint/theta"),
                RequireString(group, "optimizer", "/checkpoint"),
                state) { ObjectiveState = objective };
        }

        private List<NamedArray> ReadState(IH5Group stateGroup, string groupPath)
        {
            var state = new List<NamedArray>();
            foreach (var link in stateGroup.Children())
            {
                var path = $"{groupPath}/{link.Name}";
                var dataset = link as IH5Dataset ?? throw new FormatProblem($"has {path}, but it is not a dataset");
                var values = ReadVector(dataset, path);
                long[] shape = [];
                if (dataset.AttributeExists("shape"))
                {
                    var attribute = dataset.Attribute("shape");
                    if (attribute.Type.Class != H5DataTypeClass.FixedPoint || attribute.Type.Size != 8 || attribute.Space.Rank != 1
                        || attribute.Space.Dimensions[0] > 32)
                    {
                        throw new FormatProblem($"has {path}@shape that is not a short int64 array");
                    }
                    shape = attribute.Read<long[]>();
                }
                state.Add(new NamedArray(link.Name, shape, values));
            }
            return state;
        }

        private ProvenanceRecord ReadProvenance(IH5Group group)
        {
            CheckSeal(group, "/provenance");
            var dateText = RequireString(group, "date", "/provenance");
            if (!DateTimeOffset.TryParseExact(dateText, "o", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && !DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out date))
            {
                throw new FormatProblem($"has a /provenance@date '{dateText}' that is not an ISO 8601 date");
            }
            long? seed = null;
            if (group.AttributeExists("seed"))
            {
                seed = ReadScalar(group.Attribute("seed"), "/provenance@seed") as long?
                    ?? throw new FormatProblem("has a /provenance@seed attribute that is not an integer");
            }
            return new ProvenanceRecord(
                ToolkitVersion: RequireString(group, "toolkit_version", "/provenance"),
                TorchSharpVersion: RequireString(group, "torchsharp_version", "/provenance"),
                DotNetVersion: RequireString(group, "dotnet_version", "/provenance"),
                OperatingSystem: RequireString(group, "os", "/provenance"),
                Machine: RequireString(group, "machine", "/provenance"),
                Date: date,
                Seed: seed,
                Device: RequireString(group, "device", "/provenance"),
                CommandLine: RequireString(group, "command_line", "/provenance"));
        }

        private IH5Group Group(IH5Group parent, string name, string? path = null)
        {
            path ??= "/" + name;
            if (!parent.LinkExists(name))
            {
                throw new FormatProblem($"has no group {path}");
            }
            return parent.Get(name) as IH5Group ?? throw new FormatProblem($"has {path}, but it is not a group");
        }

        private IH5Dataset Dataset(IH5Group parent, string name, string path)
        {
            if (!parent.LinkExists(name))
            {
                throw new FormatProblem($"has no dataset {path}");
            }
            return parent.Get(name) as IH5Dataset ?? throw new FormatProblem($"has {path}, but it is not a dataset");
        }

        private double[] ReadVector(IH5Dataset dataset, string path)
        {
            var values = ReadDoubles(dataset, path, out var dimensions);
            return dimensions.Length == 1 ? values : throw new FormatProblem($"has {path} of rank {dimensions.Length}, expected 1");
        }

        private double[,] ReadMatrix(IH5Dataset dataset, string path)
        {
            var values = ReadDoubles(dataset, path, out var dimensions);
            if (dimensions.Length != 2)
            {
                throw new FormatProblem($"has {path} of rank {dimensions.Length}, expected 2");
            }
            var matrix = new double[dimensions[0], dimensions[1]];
            Buffer.BlockCopy(values, 0, matrix, 0, values.Length * sizeof(double));
            return matrix;
        }

        private double[] ReadDoubles(IH5Dataset dataset, string path, out ulong[] dimensions)
        {
            if (dataset.Type.Class != H5DataTypeClass.FloatingPoint || dataset.Type.Size != 8)
            {
                throw new FormatProblem($"has {path} of type {Describe(dataset.Type)}, expected float64");
            }
            return ReadArray<double>(dataset, path, out dimensions);
        }

        private long[] ReadLongs(IH5Dataset dataset, string path)
        {
            if (dataset.Type.Class != H5DataTypeClass.FixedPoint || dataset.Type.Size != 8 || !dataset.Type.FixedPoint.IsSigned)
            {
                throw new FormatProblem($"has {path} of type {Describe(dataset.Type)}, expected int64");
            }
            var values = ReadArray<long>(dataset, path, out var dimensions);
            return dimensions.Length == 1 ? values : throw new FormatProblem($"has {path} of rank {dimensions.Length}, expected 1");
        }

        private T[] ReadArray<T>(IH5Dataset dataset, string path, out ulong[] dimensions)
        {
            if (dataset.Space.Type != H5DataspaceType.Simple)
            {
                throw new FormatProblem($"has {path} with a {dataset.Space.Type} dataspace, expected an array");
            }
            dimensions = dataset.Space.Dimensions;
            var count = dimensions.Aggregate(1m, (product, d) => product * d);
            if (count * dataset.Type.Size > fileLength || count > Array.MaxLength)
            {
                throw new FormatProblem(
                    $"has {path} with dimensions [{string.Join(", ", dimensions)}], more data than the file's {fileLength} bytes hold");
            }
            var values = count == 0 ? [] : dataset.Read<T[]>();
            if (values.Length != count)
            {
                throw new FormatProblem($"has {path} with {values.Length} values for dimensions [{string.Join(", ", dimensions)}]");
            }
            if (!dataset.AttributeExists("sha256"))
            {
                throw new FormatProblem($"has no checksum {path}@sha256, so its values cannot be trusted: the file was modified after it was written");
            }
            var stored = ReadScalar(dataset.Attribute("sha256"), $"{path}@sha256") as string;
            var actual = values switch
            {
                double[] d => Checksum(d),
                long[] l => Checksum(l),
                _ => throw new FormatProblem($"has {path} of a type without a checksum"),
            };
            if (!string.Equals(stored, actual, StringComparison.Ordinal))
            {
                throw new FormatProblem($"has {path} whose values do not match their checksum: the file was modified or damaged after it was written");
            }
            return values;
        }

        /// <summary>Refuses a group whose <c>sha256</c> attribute is missing or does not match its other attributes.</summary>
        private void CheckSeal(IH5Object owner, string path)
        {
            if (!owner.AttributeExists(AttributeDigest.Name))
            {
                throw new FormatProblem($"has no checksum {path}@{AttributeDigest.Name}, so its attributes cannot be trusted: the file was modified after it was written");
            }
            var stored = ReadScalar(owner.Attribute(AttributeDigest.Name), $"{path}@{AttributeDigest.Name}") as string;
            var attributes = owner.Attributes().Where(a => a.Name != AttributeDigest.Name)
                .Select(a => KeyValuePair.Create(a.Name, ReadAny(a, path == "/" ? $"/@{a.Name}" : $"{path}@{a.Name}")));
            if (!string.Equals(stored, AttributeDigest.Of(attributes), StringComparison.Ordinal))
            {
                throw new FormatProblem($"has attributes of {path} that do not match their checksum: the file was modified or damaged after it was written");
            }
        }

        /// <summary>A scalar or one-dimensional attribute as string, double, long, bool or an array of string, long or double.</summary>
        private object ReadAny(IH5Attribute attribute, string where)
        {
            if (attribute.Space.Type != H5DataspaceType.Simple)
            {
                return ReadScalar(attribute, where);
            }
            var type = attribute.Type;
            if (attribute.Space.Rank != 1 || (decimal)attribute.Space.Dimensions[0] * type.Size > fileLength)
            {
                throw new FormatProblem($"has an attribute {where} that is not a one-dimensional array the file can hold");
            }
            return type.Class switch
            {
                H5DataTypeClass.String or H5DataTypeClass.VariableLength => attribute.Space.Dimensions[0] == 0 ? Array.Empty<string>() : attribute.Read<string[]>(),
                H5DataTypeClass.FixedPoint when type.Size == 8 && type.FixedPoint.IsSigned => attribute.Read<long[]>(),
                H5DataTypeClass.FloatingPoint when type.Size == 8 => attribute.Read<double[]>(),
                _ => throw new FormatProblem($"has an attribute {where} of type {Describe(type)}; results files hold string, float64, int64 or bool"),
            };
        }

        /// <summary>A scalar attribute as string, double, long or bool.</summary>
        private object ReadScalar(IH5Attribute attribute, string where)
        {
            if (attribute.Space.Type != H5DataspaceType.Scalar)
            {
                throw new FormatProblem($"has an attribute {where} that is not a scalar");
            }
            var type = attribute.Type;
            return type.Class switch
            {
                H5DataTypeClass.String or H5DataTypeClass.VariableLength => attribute.Read<string>(),
                H5DataTypeClass.FloatingPoint when type.Size == 8 => attribute.Read<double>(),
                H5DataTypeClass.FixedPoint when type.Size == 8 && type.FixedPoint.IsSigned => attribute.Read<long>(),
                H5DataTypeClass.Enumerated when type.Size == 1 => attribute.Read<Hdf5Bool>() switch
                {
                    Hdf5Bool.FALSE => false,
                    Hdf5Bool.TRUE => true,
                    var other => throw new FormatProblem($"has an attribute {where} with enumeration value {(byte)other}, expected FALSE or TRUE"),
                },
                _ => throw new FormatProblem(
                    $"has an attribute {where} of type {Describe(type)}; results files hold string, float64, int64 or bool"),
            };
        }

        private IH5Attribute RequireAttribute(IH5Object owner, string name, string ownerPath)
        {
            return owner.AttributeExists(name)
                ? owner.Attribute(name)
                : throw new FormatProblem($"has no attribute {ownerPath}@{name}");
        }

        private string RequireString(IH5Object owner, string name, string ownerPath) =>
            ReadScalar(RequireAttribute(owner, name, ownerPath), $"{ownerPath}@{name}") as string
            ?? throw new FormatProblem($"has an attribute {ownerPath}@{name} that is not a string");

        private string[] ReadStrings(IH5Object owner, string name, string ownerPath)
        {
            var attribute = RequireAttribute(owner, name, ownerPath);
            if (attribute.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength)
                || attribute.Space.Type != H5DataspaceType.Simple || attribute.Space.Rank != 1)
            {
                throw new FormatProblem($"has an attribute {ownerPath}@{name} that is not a one-dimensional string array");
            }
            var count = attribute.Space.Dimensions[0];
            if ((decimal)count * attribute.Type.Size > fileLength)
            {
                throw new FormatProblem($"has an attribute {ownerPath}@{name} with {count} strings, more than the file's {fileLength} bytes hold");
            }
            return count == 0 ? [] : attribute.Read<string[]>();
        }

        private static string Describe(IH5DataType type) => $"{type.Class} of {type.Size} bytes";
    }

    /// <summary>A problem with the file's content, phrased to follow "results file '&lt;path&gt;'".</summary>
    private sealed class FormatProblem(string message) : Exception(message);
}
