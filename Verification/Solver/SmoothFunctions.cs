using FsCheck;
using FsCheck.Fluent;

namespace Pinn.Verification.Solver;

/// <summary>
/// FsCheck generation and shrinking of <see cref="SmoothFunction"/>s: sums of products of sines, exponentials and
/// polynomials. Shrinking goes toward fewer inputs (where a range of dimensions is allowed), fewer terms, factors
/// replaced by 1, t or t², lower degree and rounder numbers, so a failing case ends as small as it can be, e.g.
/// <c>u(x, y, z) = y^2</c>.
/// </summary>
public static class SmoothFunctions
{
    /// <summary>Random smooth functions of <paramref name="spaceDimension"/> spatial coordinates (and time when
    /// <paramref name="time"/>), with up to <paramref name="maxTerms"/> products and polynomial factors of degree up to
    /// <paramref name="maxDegree"/>.</summary>
    public static Arbitrary<SmoothFunction> Arbitrary(int spaceDimension, bool time = false, int maxTerms = 3, int maxDegree = 3) =>
        Arbitrary(spaceDimension, spaceDimension, time, maxTerms, maxDegree);

    /// <summary>Random smooth functions of between <paramref name="minSpaceDimension"/> and
    /// <paramref name="maxSpaceDimension"/> spatial coordinates; shrinking lowers the dimension too.</summary>
    public static Arbitrary<SmoothFunction> Arbitrary(int minSpaceDimension, int maxSpaceDimension, bool time, int maxTerms = 3, int maxDegree = 3)
    {
        if (minSpaceDimension < (time ? 0 : 1) || maxSpaceDimension < minSpaceDimension)
            throw new ArgumentOutOfRangeException(nameof(minSpaceDimension), $"need 1 ≤ min ≤ max spatial dimensions (got {minSpaceDimension}..{maxSpaceDimension})");
        if (maxTerms < 1 || maxDegree < 0) throw new ArgumentOutOfRangeException(nameof(maxTerms), "need at least one term and a degree ≥ 0");
        return Arb.From(Generator(minSpaceDimension, maxSpaceDimension, time, maxTerms, maxDegree), f => Shrink(f, minSpaceDimension));
    }

    /// <summary>The generator alone.</summary>
    public static Gen<SmoothFunction> Generator(int minSpaceDimension, int maxSpaceDimension, bool time, int maxTerms = 3, int maxDegree = 3) =>
        from d in Gen.Choose(minSpaceDimension, maxSpaceDimension)
        from count in Gen.Choose(1, maxTerms)
        from terms in Gen.ArrayOf(Product(d + (time ? 1 : 0), maxDegree), count)
        select new SmoothFunction(d, time, terms);

    /// <summary>Simpler functions than <paramref name="f"/>, most drastic first.</summary>
    public static IEnumerable<SmoothFunction> Shrink(SmoothFunction f, int minSpaceDimension = 1)
    {
        if (f.SpaceDimension > minSpaceDimension && f.SpaceDimension > 1)
        {
            var k = f.SpaceDimension - 1;   // drop the last spatial coordinate
            yield return f with
            {
                SpaceDimension = k,
                Terms = f.Terms.Select(t => t with { Factors = t.Factors.Where((_, j) => j != k).ToArray() }).ToArray(),
            };
        }
        if (f.Terms.Count > 1)
        {
            for (var m = 0; m < f.Terms.Count; m++) yield return f with { Terms = f.Terms.Where((_, j) => j != m).ToArray() };
        }
        for (var m = 0; m < f.Terms.Count; m++)
        {
            var term = f.Terms[m];
            for (var k = 0; k < term.Factors.Count; k++)
            {
                foreach (var factor in term.Factors[k].Shrink())
                    yield return Replace(f, m, term with { Factors = term.Factors.Select((g, j) => j == k ? factor : g).ToArray() });
            }
        }
        for (var m = 0; m < f.Terms.Count; m++)
        {
            var c = f.Terms[m].Coefficient;
            foreach (var simpler in new[] { 1.0, Math.Round(c), Math.Round(c, 1) }.Where(v => v != c && v != 0).Distinct())
                yield return Replace(f, m, f.Terms[m] with { Coefficient = simpler });
        }
    }

    private static SmoothFunction Replace(SmoothFunction f, int m, SmoothProduct term) =>
        f with { Terms = f.Terms.Select((t, j) => j == m ? term : t).ToArray() };

    private static Gen<SmoothProduct> Product(int inputs, int maxDegree) =>
        from c in Numbers.Uniform(-2, 2).Where(v => v != 0)
        from factors in Gen.ArrayOf(Factor(maxDegree), inputs)
        select new SmoothProduct(c, factors);

    private static Gen<SmoothFactor> Factor(int maxDegree) => Gen.Frequency(
        (1, Gen.Constant(SmoothFactor.One)),
        (3, from degree in Gen.Choose(0, maxDegree)
            from c in Gen.ArrayOf(Numbers.Uniform(-1, 1), degree + 1)
            select (SmoothFactor)new PolynomialFactor(c)),
        (3, from a in Numbers.Uniform(-3, 3)
            from b in Numbers.Uniform(0, 3)
            select (SmoothFactor)new SineFactor(a, b)),
        (2, from a in Numbers.Uniform(-1, 1)
            select (SmoothFactor)new ExponentialFactor(a)));
}
