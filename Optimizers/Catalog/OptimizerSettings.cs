namespace Pinn.Optimizers;

/// <summary>
/// The validated options of one phase, read by an optimizer's factory: the value given on the
/// command line, or the descriptor's default.
/// </summary>
public sealed class OptimizerSettings
{
    private readonly OptimizerDescriptor _descriptor;
    private readonly IReadOnlyDictionary<string, string> _given;

    /// <summary>Validates <paramref name="given"/> against <paramref name="descriptor"/>.</summary>
    /// <exception cref="FormatException">An unknown key or an invalid value.</exception>
    public OptimizerSettings(OptimizerDescriptor descriptor, IReadOnlyDictionary<string, string> given)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(given);
        var normalized = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in given)
        {
            var option = descriptor.FindOption(key) ?? throw new FormatException(
                $"unknown option '{key}' for {descriptor.Name}; accepted: {descriptor.KeyList}");
            if (!option.Accepts(value))
            {
                throw new FormatException(
                    $"option '{option.Key}' of {descriptor.Name} must be {option.Expectation}, got '{value}' (default {option.DefaultValue})");
            }
            normalized[option.Key] = value;
        }
        _descriptor = descriptor;
        _given = normalized;
    }

    /// <summary>The value of a number option (kinds <see cref="OptimizerOptionKind.PositiveNumber"/>,
    /// <see cref="OptimizerOptionKind.NonNegativeNumber"/>, <see cref="OptimizerOptionKind.Fraction"/>).</summary>
    public double Number(string key)
    {
        OptimizerOption.TryParseNumber(Text(key), out var value);
        return value;
    }

    /// <summary>The value of a <see cref="OptimizerOptionKind.PositiveInteger"/> option.</summary>
    public int Integer(string key)
    {
        OptimizerOption.TryParseInteger(Text(key), out var value);
        return value;
    }

    /// <summary>The value of a <see cref="OptimizerOptionKind.Boolean"/> option.</summary>
    public bool Flag(string key)
    {
        OptimizerOption.TryParseBoolean(Text(key), out var value);
        return value;
    }

    /// <summary>The value of a <see cref="OptimizerOptionKind.Choice"/> option, lower case.</summary>
    public string Choice(string key) => Text(key).ToLowerInvariant();

    private string Text(string key)
    {
        var option = _descriptor.FindOption(key) ?? throw new ArgumentException(
            $"{_descriptor.Name} declares no option '{key}'; declared: {_descriptor.KeyList}", nameof(key));
        return _given.TryGetValue(option.Key, out var text) ? text : option.DefaultValue;
    }
}
