using System.Globalization;
using System.Text;

namespace Pinn.Optimizers;

/// <summary>
/// Parses the command-line optimizer schedule: comma-separated phases, each
/// <c>NAME[:STEPS][:key=value...]</c>, e.g. <c>adam:1000,lbfgs:1000</c> or
/// <c>adam:500:lr=1e-3:beta1=0.95,lbfgs:200:history=50</c>. Names and keys are case-insensitive;
/// STEPS defaults to the optimizer's default (1000 for the built-in ones).
/// </summary>
public static class OptimizerSpec
{
    private const string Syntax = "NAME[:STEPS][:key=value...]";

    /// <summary>Parses <paramref name="spec"/> and validates it against <paramref name="catalog"/>
    /// (default <see cref="OptimizerCatalog.Default"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="FormatException">Any malformed input; the one-line message says how to fix it.</exception>
    public static IReadOnlyList<OptimizerPhase> Parse(string spec, OptimizerCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        catalog ??= OptimizerCatalog.Default;
        if (string.IsNullOrWhiteSpace(spec))
        {
            throw new FormatException($"empty optimizer spec; write phases {Syntax} separated by commas, e.g. adam:1000,lbfgs:1000");
        }
        var parts = spec.Split(',');
        var phases = new List<OptimizerPhase>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            phases.Add(ParsePhase(parts[i].Trim(), i + 1, parts.Length, catalog));
        }
        return phases;
    }

    /// <summary>Writes phases back in spec syntax (the inverse of <see cref="Parse"/>).</summary>
    public static string Format(IEnumerable<OptimizerPhase> phases) =>
        string.Join(",", phases.Select(p => p.ToString()));

    private static OptimizerPhase ParsePhase(string text, int index, int count, OptimizerCatalog catalog)
    {
        var where = count > 1 ? $" in phase {index}" : "";
        if (text.Length == 0)
        {
            throw new FormatException($"phase {index} is empty; separate phases by single commas, e.g. adam:1000,lbfgs:1000");
        }
        var fields = text.Split(':').Select(f => f.Trim()).ToArray();
        if (fields.Any(f => f.Length == 0))
        {
            throw new FormatException($"empty field{where} {Quote(text)}; write {Syntax}, e.g. adam:500:lr=1e-3");
        }
        if (fields[0].Contains('='))
        {
            throw new FormatException($"phase {Quote(text)} starts with an option; put the optimizer name first ({Syntax}); known: {catalog.NameList}");
        }
        var descriptor = catalog.Find(fields[0]) ?? throw new FormatException(catalog.UnknownName(fields[0], where));

        var steps = descriptor.DefaultSteps;
        var next = 1;
        if (fields.Length > 1 && !fields[1].Contains('='))
        {
            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out steps) || steps < 1)
            {
                throw new FormatException(
                    $"steps {Quote(fields[1])} of {descriptor.Name}{where} must be a positive integer (at most {int.MaxValue}), e.g. {descriptor.Name}:{descriptor.DefaultSteps}");
            }
            next = 2;
        }

        var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var j = next; j < fields.Length; j++)
        {
            var equals = fields[j].IndexOf('=');
            if (equals < 0)
            {
                throw new FormatException(
                    $"expected key=value{where} after {descriptor.Name}'s step count, got {Quote(fields[j])}; accepted keys: {descriptor.KeyList}");
            }
            var key = fields[j][..equals].Trim().ToLowerInvariant();
            var value = fields[j][(equals + 1)..].Trim();
            var option = descriptor.FindOption(key) ?? throw new FormatException(
                $"unknown option {Quote(key)} for {descriptor.Name}{where}; accepted: {descriptor.KeyList}");
            if (!option.Accepts(value))
            {
                throw new FormatException(
                    $"option '{option.Key}' of {descriptor.Name}{where} must be {option.Expectation}, got {Quote(value)} (default {option.DefaultValue})");
            }
            if (!options.TryAdd(option.Key, value))
            {
                throw new FormatException($"option '{option.Key}' of {descriptor.Name}{where} is given twice; keep one");
            }
        }
        return new OptimizerPhase(descriptor.Name, steps, options);
    }

    /// <summary>Quotes user text for a one-line message: all but printable ASCII escaped, long text cut.</summary>
    internal static string Quote(string text)
    {
        const int limit = 40;
        var builder = new StringBuilder("'");
        foreach (var c in text.Length > limit ? text[..limit] : text)
        {
            builder.Append(c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString());
        }
        return builder.Append(text.Length > limit ? "…'" : "'").ToString();
    }
}
