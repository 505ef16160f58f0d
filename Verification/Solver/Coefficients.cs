using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Pinn.Verification.Solver;

/// <summary>
/// Coefficients of an operator (a diffusivity per coordinate, a reaction rate, a wave speed) as plain values, so a
/// counterexample prints them; generated and shrunk by <see cref="Arbitrary"/>.
/// </summary>
public sealed record Coefficients(IReadOnlyList<double> Values)
{
    /// <summary>The i-th coefficient.</summary>
    public double this[int i] => Values[i];

    /// <summary>Number of coefficients.</summary>
    public int Count => Values.Count;

    /// <inheritdoc />
    public override string ToString() =>
        "(" + string.Join(", ", Values.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture))) + ")";

    /// <summary><paramref name="count"/> coefficients, each uniform on [<paramref name="low"/>, <paramref name="high"/>];
    /// shrinking moves each toward 1 (or the end of the interval nearest to it), then to rounder numbers.</summary>
    public static Arbitrary<Coefficients> Arbitrary(int count, double low = 0.1, double high = 3)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), $"need at least one coefficient (got {count})");
        var target = Math.Clamp(1.0, low, high);
        var gen = Gen.ArrayOf(Numbers.Uniform(low, high), count).Select(v => new Coefficients(v));
        return Arb.From(gen, c => Enumerable.Range(0, c.Count).SelectMany(i =>
            Numbers.Rounder(c[i], target, low, high).Select(v => new Coefficients(c.Values.Select((w, j) => j == i ? v : w).ToArray()))));
    }
}
