namespace Pinn.Verification;

/// <summary>The value types a <c>/config</c> (or other) attribute may hold: string, double, long and bool.</summary>
internal static class ConfigValues
{
    /// <summary>
    /// Returns <paramref name="value"/> as one of string, double, long or bool, widening smaller integer types to
    /// long and float to double; anything else is an <see cref="ArgumentException"/>.
    /// </summary>
    public static object Normalize(string key, object? value) => value switch
    {
        string text => CheckText(key, text),
        double number => number,
        float number => (double)number,
        long integer => integer,
        int integer => (long)integer,
        short integer => (long)integer,
        sbyte integer => (long)integer,
        byte integer => (long)integer,
        ushort integer => (long)integer,
        uint integer => (long)integer,
        bool flag => flag,
        null => throw RecordChecks.Fail($"config value '{key}' is null; use a string, double, long or bool."),
        _ => throw RecordChecks.Fail(
            $"config value '{key}' has type {value.GetType().Name}; use a string, double, long or bool."),
    };

    private static string CheckText(string key, string text)
    {
        RecordChecks.Text(text, $"config value '{key}'");
        return text;
    }
}
