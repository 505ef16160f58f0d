using FsCheck;
using FsCheck.Fluent;

namespace Pinn.Verification.Solver;

/// <summary>
/// FsCheck generation and shrinking of boxes and space-time domains (<see cref="DomainSpec"/>): lower corners in
/// [−2, 1], widths in [0.25, 3], time intervals from [0, 1] of length [0.25, 2]. Shrinking goes toward fewer
/// coordinates and unit sides [0, 1].
/// </summary>
public static class Domains
{
    /// <summary>Boxes of <paramref name="minDimension"/> to <paramref name="maxDimension"/> spatial coordinates.</summary>
    public static Arbitrary<DomainSpec> Boxes(int minDimension, int maxDimension) => Arbitrary(minDimension, maxDimension, time: false);

    /// <summary>Space-time domains: boxes of <paramref name="minDimension"/> to <paramref name="maxDimension"/> spatial coordinates × a time interval.</summary>
    public static Arbitrary<DomainSpec> SpaceTime(int minDimension, int maxDimension) => Arbitrary(minDimension, maxDimension, time: true);

    private static Arbitrary<DomainSpec> Arbitrary(int minDimension, int maxDimension, bool time)
    {
        if (minDimension < 1 || maxDimension < minDimension)
            throw new ArgumentOutOfRangeException(nameof(minDimension), $"need 1 ≤ min ≤ max dimensions (got {minDimension}..{maxDimension})");
        var interval = from start in Numbers.Uniform(0, 1) from length in Numbers.Uniform(0.25, 2) select (start, start + length);
        var gen =
            from d in Gen.Choose(minDimension, maxDimension)
            from sides in Gen.ArrayOf(Side(), d)
            from t in interval
            select new DomainSpec(sides, time ? t : null);
        return Arb.From(gen, s => Shrink(s, minDimension));
    }

    /// <summary>Simpler domains: one coordinate fewer, then each side (and the time interval) replaced by [0, 1].</summary>
    public static IEnumerable<DomainSpec> Shrink(DomainSpec spec, int minDimension = 1)
    {
        if (spec.SpaceDimension > minDimension) yield return spec with { Sides = spec.Sides.Take(spec.SpaceDimension - 1).ToArray() };
        for (var k = 0; k < spec.SpaceDimension; k++)
        {
            if (spec.Sides[k] != (0, 1)) yield return spec with { Sides = spec.Sides.Select((s, j) => j == k ? (0.0, 1.0) : s).ToArray() };
        }
        if (spec.Time is { } t && t != (0, 1)) yield return spec with { Time = (0, 1) };
    }

    private static Gen<(double, double)> Side() =>
        from lower in Numbers.Uniform(-2, 1)
        from width in Numbers.Uniform(0.25, 3)
        select (lower, Math.Round(lower + width, 4));
}
