using FsCheck;
using FsCheck.Fluent;
using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Verification.Solver;

/// <summary>
/// A collocation set as plain values: how points are drawn (grid, Halton, uniform), how many and the seed. Draw it
/// from any region with <see cref="Draw"/>; generated and shrunk by <see cref="Arbitrary"/>.
/// </summary>
public sealed record CollocationSet(SamplingMethod Method, int Count, int Seed)
{
    /// <summary>The points [N, d] drawn from <paramref name="region"/> (a grid has about <see cref="Count"/> points).</summary>
    public Tensor Draw(IRegion region) => region.Draw(new Sample(Method, Count), new Random(Seed));

    /// <inheritdoc />
    public override string ToString() => $"{Count} {Method.ToString().ToLowerInvariant()} points (seed {Seed})";

    /// <summary>Sets of 1 to <paramref name="maxCount"/> points by any method; shrinking halves the count toward 1,
    /// then tries a grid and seed 0.</summary>
    public static Arbitrary<CollocationSet> Arbitrary(int maxCount = 64, params SamplingMethod[] methods)
    {
        if (maxCount < 1) throw new ArgumentOutOfRangeException(nameof(maxCount), $"need at least one point (got {maxCount})");
        var allowed = methods.Length > 0 ? methods : Enum.GetValues<SamplingMethod>();
        var gen = from method in Gen.Elements(allowed)
                  from count in Gen.Choose(1, maxCount)
                  from seed in Gen.Choose(0, 10_000)
                  select new CollocationSet(method, count, seed);
        return Arb.From(gen, set => Shrink(set, allowed));
    }

    /// <summary>Smaller sets: fewer points (halved, or one fewer), then a grid (when allowed), then seed 0.</summary>
    public static IEnumerable<CollocationSet> Shrink(CollocationSet set, IReadOnlyCollection<SamplingMethod> allowed)
    {
        foreach (var count in new[] { 1, set.Count / 2, set.Count - 1 }.Where(c => c >= 1 && c < set.Count).Distinct())
            yield return set with { Count = count };
        if (set.Method != SamplingMethod.Grid && allowed.Contains(SamplingMethod.Grid)) yield return set with { Method = SamplingMethod.Grid };
        if (set.Seed != 0) yield return set with { Seed = 0 };
    }
}
