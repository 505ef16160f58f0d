using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Pinn.Verification.Optimizers;

/// <summary>A random convex quadratic (<see cref="ConvexQuadratic"/>) as plain values, with the seed of the start point
/// θ₀ ~ θ* + N(0, 1): generated and shrunk by <see cref="Arbitrary"/>.</summary>
public sealed record QuadraticCase(int Dimension, double Condition, int Seed)
{
    /// <summary>The objective (the caller disposes it).</summary>
    public ConvexQuadratic Create() => new(Dimension, Seed, Condition);

    /// <summary>The start point: θ* plus a seeded standard normal vector (the caller disposes it).</summary>
    public TorchSharp.torch.Tensor Start(ConvexQuadratic quadratic) =>
        quadratic.Solution + GaussianTensors.Gaussian(new Random(Seed + 1), Dimension);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"quadratic of {Dimension} parameter{(Dimension == 1 ? "" : "s")}, condition number {Condition:G4}, seed {Seed}");

    /// <summary>Quadratics of 1 to <paramref name="maxDimension"/> parameters with condition numbers 10^[0, log₁₀ maxCondition];
    /// shrinking goes toward fewer parameters, condition number 1 (then powers of ten) and seed 0.</summary>
    public static Arbitrary<QuadraticCase> Arbitrary(int maxDimension = 20, double maxCondition = 1e4)
    {
        if (maxDimension < 1 || !(maxCondition >= 1)) throw new ArgumentOutOfRangeException(nameof(maxDimension), "need at least one parameter and a condition number ≥ 1");
        var gen = from n in Gen.Choose(1, maxDimension)
                  from exponent in Gen.Choose(0, 1000)
                  from seed in Gen.Choose(0, 10_000)
                  select new QuadraticCase(n, Math.Round(Math.Pow(maxCondition, exponent / 1000.0), 2), seed);
        return Arb.From(gen, Shrink);
    }

    private static IEnumerable<QuadraticCase> Shrink(QuadraticCase c)
    {
        foreach (var n in new[] { 1, c.Dimension / 2, c.Dimension - 1 }.Where(n => n >= 1 && n < c.Dimension).Distinct()) yield return c with { Dimension = n };
        var power = Math.Pow(10, Math.Floor(Math.Log10(c.Condition)));
        foreach (var k in new[] { 1.0, power }.Where(k => k < c.Condition).Distinct()) yield return c with { Condition = k };
        if (c.Seed != 0) yield return c with { Seed = 0 };
    }
}
