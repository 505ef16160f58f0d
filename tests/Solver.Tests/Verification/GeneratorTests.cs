using FsCheck;
using FsCheck.Fluent;
using Pinn.Physics;
using Pinn.Verification.Optimizers;
using Pinn.Verification.Solver;

namespace Pinn.Solver.Tests.Verification;

/// <summary>The public generators: values in their stated ranges, and every shrink strictly simpler (so FsCheck's
/// shrinking ends, toward low dimension, low degree and few points).</summary>
public class GeneratorTests
{
    /// <summary>A size that every shrink must lower: dimension, products, non-constant factors, their complexity, digits.</summary>
    private static (int, int, int, int, int) Size(SmoothFunction f) => (
        f.SpaceDimension,
        f.Terms.Count,
        f.Terms.Sum(t => t.Factors.Count(g => !g.IsOne)),
        f.Terms.Sum(t => t.Factors.Sum(g => g switch
        {
            PolynomialFactor p => p.Coefficients.Count(c => c != 0) + p.Coefficients.Count(c => c != Math.Round(c)),
            _ => 10,
        })),
        f.Terms.Sum(t => t.Coefficient == 1 ? 0 : 1 + t.Factors.Sum(g => g.Format("t").Length)));

    [Fact]
    public void SmoothFunctionShrinks_AreStrictlySmaller()
    {
        var property = Prop.ForAll(SmoothFunctions.Arbitrary(1, 3, time: true), f =>
            SmoothFunctions.Shrink(f).All(g => g.Dimension <= f.Dimension && Lower(Size(g), Size(f), g, f)));
        PropertyRun.Check(property, 100);
    }

    private static bool Lower((int, int, int, int, int) a, (int, int, int, int, int) b, SmoothFunction g, SmoothFunction f) =>
        a.CompareTo(b) < 0 || g.ToString().Length < f.ToString().Length;

    [Fact]
    public void SmoothFunction_Formula_NamesCoordinatesAsTheDomainDoes()
    {
        var u = new SmoothFunction(2, true, [new SmoothProduct(0.5, [new SineFactor(2, 0), SmoothFactor.One, SmoothFactor.Monomial(2)])]);
        Assert.Equal("u(x, y, t) = 0.5·sin(2x)·t^2", u.ToString());
    }

    [Fact]
    public void Domains_InRangeAndShrinkTowardFewerUnitSides()
    {
        var property = Prop.ForAll(Domains.SpaceTime(1, 4), spec =>
        {
            var domain = spec.ToDomain();
            var ranged = spec.Sides.All(s => s.Lower >= -2 && s.Lower <= 1 && s.Upper - s.Lower >= 0.25 - 1e-9) && domain.TimeIndex == spec.SpaceDimension;
            var shrinks = Domains.Shrink(spec).All(s => s.SpaceDimension < spec.SpaceDimension
                || s.Sides.Count(side => side == (0, 1)) > spec.Sides.Count(side => side == (0, 1)) || (s.Time == (0, 1) && spec.Time != (0, 1)));
            return (ranged && shrinks).Label(spec.ToString());
        });
        PropertyRun.Check(property, 50);
    }

    [Fact]
    public void CollocationSets_DrawTheirPointsAndShrinkTowardFewer()
    {
        var box = Domain.Box((0, 1), (0, 2));
        var property = Prop.ForAll(CollocationSet.Arbitrary(40, SamplingMethod.Halton, SamplingMethod.Uniform), set =>
        {
            using var points = set.Draw(box.Interior);
            var shrinks = CollocationSet.Shrink(set, [SamplingMethod.Halton, SamplingMethod.Uniform]).ToList();
            return (points.shape[0] == set.Count && shrinks.All(s => s.Count < set.Count || s.Seed < set.Seed)
                && shrinks.All(s => s.Method != SamplingMethod.Grid)).Label(set.ToString());
        });
        PropertyRun.Check(property, 50);
    }

    [Fact]
    public void Coefficients_StayInTheirIntervalAndShrinkTowardOne()
    {
        var property = Prop.ForAll(Coefficients.Arbitrary(3, 0.5, 4), c =>
            c.Values.All(v => v is >= 0.5 and <= 4) && Coefficients.Arbitrary(3, 0.5, 4).Shrinker(c)
                .All(s => s.Values.Zip(c.Values).Count(p => p.First != p.Second) == 1 && s.Values.All(v => v is >= 0.5 and <= 4)));
        PropertyRun.Check(property, 50);
    }
}
