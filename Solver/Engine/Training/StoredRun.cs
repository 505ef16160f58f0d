using Pinn.Physics;
using Pinn.Solver.Networks;
using Pinn.Verification;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

/// <summary>A results file read back: its record, its problem and its network rebuilt from the stored weights.</summary>
public sealed class StoredRun : IDisposable
{
    private StoredRun(string path, RunRecord record, Problem problem, Mlp network)
    {
        Path = path;
        Record = record;
        Problem = problem;
        Network = network;
    }

    /// <summary>The file.</summary>
    public string Path { get; }
    /// <summary>What the file holds.</summary>
    public RunRecord Record { get; }
    /// <summary>The network parameter holding the input embedding's frequency matrix Ω [m, d].</summary>
    public const string EmbeddingName = "embedding/frequencies";

    /// <summary>The run's problem (for a catalogue run: default sizes, the stored form: hard constraint, embeddings).</summary>
    public Problem Problem { get; }
    /// <summary>The network with the stored weights.</summary>
    public Mlp Network { get; }

    /// <summary>Reads <paramref name="path"/>, a results file of a run on <paramref name="problem"/> (built as the run built it:
    /// hard constraint, embeddings).</summary>
    /// <exception cref="InvalidDataException">The file is damaged or its network does not fit the problem.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static StoredRun Open(string path, Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Open(path, _ => problem);
    }

    /// <summary>Reads <paramref name="path"/>; <paramref name="problemFor"/> builds the run's problem from the file's record
    /// (e.g. by the catalogue name in its configuration).</summary>
    /// <exception cref="InvalidDataException">The file is damaged or its network does not fit the problem.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static StoredRun Open(string path, Func<RunRecord, Problem> problemFor)
    {
        ArgumentNullException.ThrowIfNull(problemFor);
        var record = ResultsFile.Read(path);
        var problem = problemFor(record);
        return new StoredRun(path, record, problem, Rebuild(path, record.Network, problem));
    }

    private static Mlp Rebuild(string path, NetworkRecord stored, Problem problem)
    {
        var widths = stored.Widths;
        if (widths.Length < 3 || widths.Any(w => w < 1 || w > 1_000_000))
            throw new InvalidDataException($"results file '{path}' has network widths [{string.Join(",", widths)}] that make no MLP");
        if (widths[^1] != problem.Outputs)
            throw new InvalidDataException($"results file '{path}': its network has {widths[^1]} outputs, but {problem.Name} needs {problem.Outputs}");
        Activation activation;
        try
        {
            activation = ActivationFunctions.Parse(stored.Activation);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"results file '{path}': {e.Message}", e);
        }
        var options = new MlpOptions(problem.Domain.Dimension, widths[1..^1].Select(w => (int)w).ToArray(), (int)widths[^1], activation);
        var net = Mlp.For(problem, options);
        try
        {
            if (net.Layers[0].In != widths[0])
                throw new InvalidDataException($"results file '{path}': its first layer reads {widths[0]} inputs, but {problem.Name}{(net.Features is null ? "" : " with its input embedding")} gives {net.Layers[0].In}");
            var byName = stored.Parameters.ToDictionary(p => p.Name);
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            for (int i = 0; i < net.Layers.Count; i++)
            {
                var (weight, bias) = net.Layer(net.Parameters, i);
                Copy(path, byName, $"layer{i}/weight", weight);
                Copy(path, byName, $"layer{i}/bias", bias);
            }
            if (net.Features is { } features) Copy(path, byName, EmbeddingName, features.Frequencies);
            return net;
        }
        catch
        {
            net.Dispose();
            throw;
        }
    }

    private static void Copy(string path, Dictionary<string, ParameterArray> byName, string name, Tensor target)
    {
        if (!byName.TryGetValue(name, out var p))
            throw new InvalidDataException($"results file '{path}' has no network parameter {name}");
        if (!p.Shape.SequenceEqual(target.shape))
            throw new InvalidDataException($"results file '{path}': {name} has shape [{string.Join(",", p.Shape)}], expected [{string.Join(",", target.shape)}]");
        target.copy_(tensor(p.Values, target.shape, dtype: ScalarType.Float64));
    }

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();
}
