using System.Globalization;

namespace Pinn.Solver.Cli;

/// <summary>Parsing of command-line values into checked numbers, with one-line errors.</summary>
public static class Arguments
{
    /// <summary>A positive integer option.</summary>
    public static int Positive(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v
            : throw new UsageException($"{option} must be a positive integer (got '{text}')");

    /// <summary>A non-negative integer option.</summary>
    public static int NonNegative(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
            : throw new UsageException($"{option} must be a non-negative integer (got '{text}')");

    /// <summary>An integer option of any sign.</summary>
    public static int Integer(string option, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v
            : throw new UsageException($"{option} must be an integer (got '{text}')");

    /// <summary>A finite number ≥ 0.</summary>
    public static double NonNegativeNumber(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v) ? v
            : throw new UsageException($"{option} must be a number ≥ 0 such as 60 (got '{text}')");

    /// <summary>A comma-separated list of positive integers (<paramref name="example"/> shows one in the error).</summary>
    public static int[] PositiveList(string option, string text, string example = "64,64")
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || parts.Any(p => p.Length == 0))
            throw new UsageException($"{option} must be comma-separated positive integers such as {example} (got '{text}')");
        return parts.Select(p => Positive(option, p)).ToArray();
    }
}
