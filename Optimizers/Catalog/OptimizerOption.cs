using System.Globalization;

namespace Pinn.Optimizers;

/// <summary>One <c>key=value</c> option an optimizer accepts on the command line.</summary>
/// <param name="Key">The key, lower case (e.g. <c>lr</c>).</param>
/// <param name="Kind">Which values are valid.</param>
/// <param name="DefaultValue">The value used when the key is absent, as text.</param>
/// <param name="Description">One line: what the option means.</param>
public sealed record OptimizerOption(string Key, OptimizerOptionKind Kind, string DefaultValue, string Description)
{
    /// <summary>An option whose default is a number, formatted invariantly (e.g. <c>0.001</c>, <c>1e-11</c>).</summary>
    public static OptimizerOption Number(string key, OptimizerOptionKind kind, double defaultValue, string description) =>
        new(key, kind, FormatNumber(defaultValue), description);

    /// <summary>An option whose value is one of <paramref name="choices"/> (kind <see cref="OptimizerOptionKind.Choice"/>).</summary>
    public static OptimizerOption Choice(string key, string defaultValue, IReadOnlyList<string> choices, string description) =>
        new(key, OptimizerOptionKind.Choice, defaultValue, description) { Choices = choices };

    /// <summary>The accepted words of a <see cref="OptimizerOptionKind.Choice"/> option, lower case; null for other kinds.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>A human-readable statement of the valid values.</summary>
    public string Expectation => Kind switch
    {
        OptimizerOptionKind.NonNegativeNumber => "a number ≥ 0",
        OptimizerOptionKind.Choice => "one of " + string.Join(", ", Choices ?? []),
        OptimizerOptionKind.PositiveNumber => "a positive number",
        OptimizerOptionKind.Fraction => "a number in [0, 1)",
        OptimizerOptionKind.PositiveInteger => "a positive integer",
        OptimizerOptionKind.Boolean => "true or false",
        _ => "a valid value",
    };

    /// <summary>True when <paramref name="text"/> is a valid value for this option.</summary>
    public bool Accepts(string text) => Kind switch
    {
        OptimizerOptionKind.PositiveNumber => TryParseNumber(text, out var x) && x > 0,
        OptimizerOptionKind.Fraction => TryParseNumber(text, out var x) && x >= 0 && x < 1,
        OptimizerOptionKind.PositiveInteger => TryParseInteger(text, out var n) && n > 0,
        OptimizerOptionKind.Boolean => TryParseBoolean(text, out _),
        OptimizerOptionKind.NonNegativeNumber => TryParseNumber(text, out var x) && x >= 0,
        OptimizerOptionKind.Choice => Choices is not null && Choices.Contains(text.ToLowerInvariant(), StringComparer.Ordinal),
        _ => false,
    };

    internal static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    internal static bool TryParseInteger(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    internal static bool TryParseBoolean(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true": value = true; return true;
            case "false": value = false; return true;
            default: value = false; return false;
        }
    }

    internal static string FormatNumber(double value) =>
        value.ToString("G", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
}
