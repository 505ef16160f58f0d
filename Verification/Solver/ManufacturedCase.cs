using FsCheck;
using FsCheck.Fluent;

namespace Pinn.Verification.Solver;

/// <summary>One case of <see cref="ManufacturedSolution"/>: the exact solution u*, how many points each term is checked
/// at (at most its own count), and the seed of the points.</summary>
public sealed record ManufacturedCase(SmoothFunction Solution, int Points, int Seed)
{
    /// <inheritdoc />
    public override string ToString() => $"{Solution}; {Points} point{(Points == 1 ? "" : "s")} per term, seed {Seed}";

    /// <summary>Cases with solutions from <paramref name="solutions"/>, 1 to <paramref name="maxPoints"/> points;
    /// shrinking simplifies u* first, then uses fewer points, then seed 0.</summary>
    public static Arbitrary<ManufacturedCase> Arbitrary(Arbitrary<SmoothFunction> solutions, int maxPoints)
    {
        var gen = from u in solutions.Generator
                  from n in Gen.Choose(1, maxPoints)
                  from seed in Gen.Choose(0, 10_000)
                  select new ManufacturedCase(u, n, seed);
        return Arb.From(gen, c =>
            solutions.Shrinker(c.Solution).Select(u => c with { Solution = u })
                .Concat(new[] { 1, c.Points / 2 }.Where(n => n >= 1 && n < c.Points).Distinct().Select(n => c with { Points = n }))
                .Concat(c.Seed != 0 ? [c with { Seed = 0 }] : []));
    }
}
