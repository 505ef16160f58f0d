namespace Pinn.Verification;

/// <summary>
/// The trained network: architecture attributes and its parameters, stored under <c>/network</c> in a results file.
/// </summary>
/// <param name="Widths">Layer widths from input to output, e.g. <c>[2, 64, 64, 1]</c>.</param>
/// <param name="Activation">Activation name, e.g. <c>"tanh"</c>.</param>
/// <param name="Parameters">Named arrays in order, e.g. <c>layer0/weight</c>, <c>layer0/bias</c>, <c>layer1/weight</c>, …</param>
public sealed record NetworkRecord(long[] Widths, string Activation, IReadOnlyList<ParameterArray> Parameters)
{
    /// <summary>
    /// A multilayer perceptron with layer i's weight [widths[i+1], widths[i]] and bias [widths[i+1]] named
    /// <c>layer{i}/weight</c> and <c>layer{i}/bias</c>.
    /// </summary>
    public static NetworkRecord FromLayers(long[] widths, string activation,
        IReadOnlyList<(double[,] Weight, double[] Bias)> layers)
    {
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count != widths.Length - 1)
        {
            throw new ArgumentException(
                $"{widths.Length} widths describe {Math.Max(widths.Length - 1, 0)} layers but {layers.Count} were given.",
                nameof(layers));
        }
        var parameters = new List<ParameterArray>(2 * layers.Count);
        for (var i = 0; i < layers.Count; i++)
        {
            var (weight, bias) = layers[i];
            ArgumentNullException.ThrowIfNull(weight);
            ArgumentNullException.ThrowIfNull(bias);
            if (weight.GetLength(0) != widths[i + 1] || weight.GetLength(1) != widths[i] || bias.Length != widths[i + 1])
            {
                throw new ArgumentException(
                    $"layer {i} has weight [{weight.GetLength(0)}, {weight.GetLength(1)}] and bias [{bias.Length}] " +
                    $"but the widths need [{widths[i + 1]}, {widths[i]}] and [{widths[i + 1]}].",
                    nameof(layers));
            }
            parameters.Add(ParameterArray.FromMatrix($"layer{i}/weight", weight));
            parameters.Add(ParameterArray.FromVector($"layer{i}/bias", bias));
        }
        return new NetworkRecord((long[])widths.Clone(), activation, parameters);
    }

    /// <summary>Input scaling, embeddings and hard-constraint form (null when not recorded, e.g. a network from elsewhere).</summary>
    public NetworkForm? Form { get; init; }

    /// <summary>The total number of parameters.</summary>
    public long ParameterCount => Parameters.Sum(p => (long)p.Values.Length);

    /// <summary>Checks names (unique, none a prefix group of another) and shapes; throws <see cref="ArgumentException"/>.</summary>
    internal void Validate()
    {
        RecordChecks.NotNull(Widths, "network widths");
        RecordChecks.Text(Activation, "network activation");
        RecordChecks.NotNull(Parameters, "network parameters");
        if (Widths.Length > 0) Form?.Validate(Widths[0]);
        var datasets = new HashSet<string>(StringComparer.Ordinal);
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in Parameters)
        {
            RecordChecks.NotNull(parameter, "a network parameter");
            parameter.Validate();
            var segments = parameter.PathSegments();
            for (var depth = 1; depth < segments.Length; depth++)
            {
                groups.Add(string.Join('/', segments[..depth]));
            }
            if (!datasets.Add(parameter.Name))
            {
                throw RecordChecks.Fail($"network parameter '{parameter.Name}' appears twice.");
            }
        }
        var clash = datasets.FirstOrDefault(groups.Contains);
        if (clash is not null)
        {
            throw RecordChecks.Fail($"network parameter '{clash}' is also the group of another parameter.");
        }
    }
}
