using Pinn.Verification;

namespace Pinn.Solver.Cli;

/// <summary>Typed reads of a results file's <c>/config</c> attributes (absent or mistyped: 0 or NaN).</summary>
public static class ConfigReader
{
    /// <summary>The integer at <paramref name="key"/>, else 0.</summary>
    public static long Integer(this RunRecord record, string key) => record.Config.TryGetValue(key, out var v) && v is long n ? n : 0;

    /// <summary>The number at <paramref name="key"/>, else NaN.</summary>
    public static double Number(this RunRecord record, string key) => record.Config.TryGetValue(key, out var v) && v is double x ? x : double.NaN;
}
