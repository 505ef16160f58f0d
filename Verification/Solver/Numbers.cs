using FsCheck;
using FsCheck.Fluent;

namespace Pinn.Verification.Solver;

/// <summary>Random numbers for the generators: uniform on an interval, with four decimals (readable counterexamples).</summary>
public static class Numbers
{
    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>] in steps of (high − low)/10⁴, rounded to four decimals.</summary>
    public static Gen<double> Uniform(double low, double high)
    {
        if (!(low <= high) || !double.IsFinite(low) || !double.IsFinite(high))
            throw new ArgumentOutOfRangeException(nameof(low), $"need finite low ≤ high (got [{low}, {high}])");
        return Gen.Choose(0, 10_000).Select(i => Math.Round(low + (high - low) * i / 10_000, 4));
    }

    /// <summary>Rounder values to try in place of <paramref name="value"/> while shrinking: <paramref name="target"/>, then
    /// the value rounded to an integer and to one decimal (those that differ and stay in [low, high]).</summary>
    public static IEnumerable<double> Rounder(double value, double target, double low, double high) =>
        new[] { target, Math.Round(value), Math.Round(value, 1) }
            .Where(v => v != value && v >= low && v <= high).Distinct();
}
