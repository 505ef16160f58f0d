using System.Text;

namespace Pinn.Optimizers;

/// <summary>
/// The optimizers the command line knows: names, one-line descriptions, accepted options with their
/// defaults, and <see cref="Create"/>. Immutable; <see cref="Default"/> lists the built-in ones.
/// </summary>
public sealed class OptimizerCatalog
{
    private readonly Dictionary<string, OptimizerDescriptor> _byName;

    /// <summary>The built-in optimizers. Register a new one by adding its descriptor (<see cref="OptimizerDescriptors"/>) to this list.</summary>
    public static OptimizerCatalog Default { get; } = new(
        OptimizerDescriptors.Adam,
        OptimizerDescriptors.Sgd,
        OptimizerDescriptors.Lbfgs,
        OptimizerDescriptors.Bfgs,
        OptimizerDescriptors.SelfScaledBfgs,
        OptimizerDescriptors.SelfScaledBroyden,
        OptimizerDescriptors.Engd,
        OptimizerDescriptors.EngdWoodbury,
        OptimizerDescriptors.EngdNystrom,
        OptimizerDescriptors.GaussNewton,
        OptimizerDescriptors.LevenbergMarquardt,
        OptimizerDescriptors.Soap,
        OptimizerDescriptors.Shampoo,
        OptimizerDescriptors.Muon,
        OptimizerDescriptors.Nncg,
        OptimizerDescriptors.HessianFree,
        OptimizerDescriptors.AdaHessian,
        OptimizerDescriptors.Sophia,
        OptimizerDescriptors.Kfac);

    /// <summary>A catalog of the given optimizers, checked for consistency.</summary>
    /// <exception cref="ArgumentException">Duplicate or malformed names, keys or defaults.</exception>
    public OptimizerCatalog(params OptimizerDescriptor[] descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        _byName = new Dictionary<string, OptimizerDescriptor>(StringComparer.Ordinal);
        foreach (var descriptor in descriptors)
        {
            CheckDescriptor(descriptor);
            if (!_byName.TryAdd(descriptor.Name, descriptor))
            {
                throw new ArgumentException($"optimizer '{descriptor.Name}' is registered twice.", nameof(descriptors));
            }
        }
        Descriptors = [.. descriptors];
    }

    /// <summary>The optimizers in registration order.</summary>
    public IReadOnlyList<OptimizerDescriptor> Descriptors { get; }

    /// <summary>The names, comma-separated (for messages).</summary>
    public string NameList => string.Join(", ", Descriptors.Select(d => d.Name));

    /// <summary>A new catalog with one more optimizer.</summary>
    public OptimizerCatalog With(OptimizerDescriptor descriptor) => new([.. Descriptors, descriptor]);

    /// <summary>The descriptor named <paramref name="name"/> (case-insensitive), or null.</summary>
    public OptimizerDescriptor? Find(string name) =>
        _byName.TryGetValue(name.Trim().ToLowerInvariant(), out var descriptor) ? descriptor : null;

    /// <summary>The descriptor named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="FormatException">No such optimizer; the message lists the known ones.</exception>
    public OptimizerDescriptor Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Find(name) ?? throw new FormatException(UnknownName(name));
    }

    /// <summary>Parses a spec such as <c>adam:1000,lbfgs:1000</c> against this catalog (see <see cref="OptimizerSpec"/>).</summary>
    public IReadOnlyList<OptimizerPhase> Parse(string spec) => OptimizerSpec.Parse(spec, this);

    /// <summary>Builds the optimizer of one phase.</summary>
    /// <exception cref="FormatException">Unknown name, unknown key, invalid value or non-positive steps.</exception>
    public IOptimizer Create(OptimizerPhase phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var descriptor = Get(phase.Name);
        if (phase.Steps < 1)
        {
            throw new FormatException($"{descriptor.Name} has {phase.Steps} steps; give a positive step count, e.g. {descriptor.Name}:{descriptor.DefaultSteps}");
        }
        return descriptor.Factory(new OptimizerSettings(descriptor, phase.Options));
    }

    /// <summary>Help text: the spec syntax and, per optimizer, its description and options with defaults.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine("Optimizer spec: NAME[:STEPS][:key=value...], phases separated by commas, e.g. adam:1000,lbfgs:1000");
        var width = Math.Max(Descriptors.Max(d => d.Name.Length), Descriptors.SelectMany(d => d.Options).Select(o => o.Key.Length + o.DefaultValue.Length + 1).DefaultIfEmpty(0).Max());
        foreach (var d in Descriptors)
        {
            text.AppendLine($"  {d.Name.PadRight(width)}  {d.Description} (default {d.DefaultSteps} steps)");
            foreach (var o in d.Options)
            {
                text.AppendLine($"    {(o.Key + "=" + o.DefaultValue).PadRight(width)}  {o.Description}");
            }
        }
        return text.ToString();
    }

    internal string UnknownName(string name, string where = "")
    {
        var lower = name.Trim().ToLowerInvariant();
        var guess = Descriptors.Select(d => d.Name).MinBy(n => EditDistance(n, lower));
        var hint = guess is not null && EditDistance(guess, lower) <= 2 ? $"did you mean '{guess}'? " : "";
        return $"unknown optimizer {OptimizerSpec.Quote(name)}{where}; {hint}known: {NameList}";
    }

    private static void CheckDescriptor(OptimizerDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (!IsToken(descriptor.Name))
        {
            throw new ArgumentException($"optimizer name '{descriptor.Name}' must be lower-case letters, digits or '-'.", nameof(descriptor));
        }
        if (descriptor.DefaultSteps < 1)
        {
            throw new ArgumentException($"{descriptor.Name}: default steps must be positive.", nameof(descriptor));
        }
        ArgumentNullException.ThrowIfNull(descriptor.Factory);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in descriptor.Options)
        {
            if (!IsToken(option.Key) || !keys.Add(option.Key))
            {
                throw new ArgumentException($"{descriptor.Name}: option key '{option.Key}' is malformed or repeated.", nameof(descriptor));
            }
            if (!option.Accepts(option.DefaultValue))
            {
                throw new ArgumentException($"{descriptor.Name}: default '{option.DefaultValue}' of '{option.Key}' is not {option.Expectation}.", nameof(descriptor));
            }
        }
    }

    private static bool IsToken(string? text) =>
        !string.IsNullOrEmpty(text) && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
