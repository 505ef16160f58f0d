using System.Globalization;

namespace Pinn.Solver.Engine;

/// <summary>
/// A command-line value of the form <c>NAME[:key=value...]</c> (as <c>--rba</c> and <c>--adaptive</c> take them):
/// the name and its options, read one by one with one-line errors that name the option and the accepted range.
/// </summary>
internal sealed class SpecOptions
{
    private readonly string _option;
    private readonly string _text;
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    private SpecOptions(string option, string text, string name)
    {
        _option = option;
        _text = text;
        Name = name;
    }

    /// <summary>The name before the first colon (lower case).</summary>
    public string Name { get; }

    /// <summary>Splits <paramref name="text"/>; <paramref name="option"/> (e.g. <c>--rba</c>) names it in errors.</summary>
    public static SpecOptions Parse(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        var spec = new SpecOptions(option, text, parts[0].ToLowerInvariant());
        foreach (var part in parts.Skip(1))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || kv[0].Length == 0 || kv[1].Length == 0)
                throw new ArgumentException($"{option}: '{part}' is not key=value (in '{text}')");
            if (!spec._values.TryAdd(kv[0], kv[1])) throw new ArgumentException($"{option}: '{kv[0]}' is given twice (in '{text}')");
        }
        return spec;
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>] (open at the ends said so), or the fallback.</summary>
    public double Number(string key, double fallback, double min, double max, bool openMin = false, bool openMax = false)
    {
        if (!TryGet(key, out var text)) return fallback;
        bool ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !double.IsNaN(v)
            && (openMin ? v > min : v >= min) && (openMax ? v < max : v <= max);
        return ok ? v : throw new ArgumentException(
            $"{_option}: {key} must be a number in {(openMin ? "(" : "[")}{Show(min)}, {Show(max)}{(openMax ? ")" : "]")} (got '{text}' in '{_text}')");
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>], or the fallback.</summary>
    public int Integer(string key, int fallback, int min, int max)
    {
        if (!TryGet(key, out var text)) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v
            : throw new ArgumentException($"{_option}: {key} must be an integer from {min} to {max} (got '{text}' in '{_text}')");
    }

    /// <summary>One of <paramref name="choices"/> (case-insensitive), or the fallback.</summary>
    public string Choice(string key, string fallback, params string[] choices)
    {
        if (!TryGet(key, out var text)) return fallback;
        return choices.FirstOrDefault(c => c.Equals(text, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"{_option}: {key} must be {string.Join(" or ", choices)} (got '{text}' in '{_text}')");
    }

    /// <summary>A phase range <c>A</c>, <c>A-B</c> or <c>A-</c> (1-based, inclusive; <c>A-</c>: A to the last), or the fallback.</summary>
    public (int First, int Last) Range(string key, (int, int) fallback)
    {
        if (!TryGet(key, out var text)) return fallback;
        var ends = text.Split('-', StringSplitOptions.TrimEntries);
        int Parse(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1 ? v : -1;
        int first = Parse(ends[0]), last = ends.Length == 1 ? first : ends[1].Length == 0 ? int.MaxValue : Parse(ends[1]);
        return ends.Length <= 2 && first >= 1 && last >= first ? (first, last)
            : throw new ArgumentException($"{_option}: {key} must be a phase number or range such as 1, 1-2 or 2- (got '{text}' in '{_text}')");
    }

    /// <summary>Throws for any option that no reader asked for.</summary>
    public void RejectUnknown(params string[] known)
    {
        foreach (var key in _values.Keys.Where(k => !_read.Contains(k)))
            throw new ArgumentException($"{_option}: unknown option '{key}' (known: {string.Join(", ", known)}; in '{_text}')");
    }

    private bool TryGet(string key, out string text)
    {
        _read.Add(key);
        return _values.TryGetValue(key, out text!);
    }

    private static string Show(double v) => double.IsPositiveInfinity(v) ? "∞" : v.ToString("G", CultureInfo.InvariantCulture);
}
