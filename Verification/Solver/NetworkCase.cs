using FsCheck;
using FsCheck.Fluent;
using Pinn.Physics;
using Pinn.Solver.Networks;

namespace Pinn.Verification.Solver;

/// <summary>One case of <see cref="DerivativeConsistency"/>: a random network (hidden widths, activation, seed of its
/// weights and biases) and the number of points per term.</summary>
public sealed record NetworkCase(IReadOnlyList<int> Hidden, Activation Activation, int Seed, int Points)
{
    /// <summary>The network for <paramref name="problem"/>: weights and biases N(0, 0.5²) so that every layer is curved.</summary>
    public Mlp Network(Problem problem) =>
        Mlp.For(problem, new MlpOptions(problem.Domain.Dimension, Hidden.ToArray(), problem.Outputs, Activation,
            Initialization.Normal, Seed, InitScale: 0.5));

    /// <inheritdoc />
    public override string ToString() =>
        $"hidden [{string.Join(", ", Hidden)}], {Activation.ToString().ToLowerInvariant()}, seed {Seed}; {Points} point{(Points == 1 ? "" : "s")} per term";

    /// <summary>Networks of 1 to 3 hidden layers of width 1 to <paramref name="maxWidth"/>, 1 to <paramref name="maxPoints"/>
    /// points; shrinking removes layers, narrows them, switches to tanh, then uses fewer points and seed 0.</summary>
    public static Arbitrary<NetworkCase> Arbitrary(int maxWidth = 12, int maxPoints = 16)
    {
        var gen = from layers in Gen.Choose(1, 3)
                  from hidden in Gen.ArrayOf(Gen.Choose(1, maxWidth), layers)
                  from activation in Gen.Elements(Enum.GetValues<Activation>())
                  from seed in Gen.Choose(0, 10_000)
                  from points in Gen.Choose(1, maxPoints)
                  select new NetworkCase(hidden, activation, seed, points);
        return Arb.From(gen, Shrink);
    }

    private static IEnumerable<NetworkCase> Shrink(NetworkCase c)
    {
        for (var i = 0; i < c.Hidden.Count && c.Hidden.Count > 1; i++) yield return c with { Hidden = c.Hidden.Where((_, j) => j != i).ToArray() };
        for (var i = 0; i < c.Hidden.Count; i++)
        {
            if (c.Hidden[i] > 1) yield return c with { Hidden = c.Hidden.Select((w, j) => j == i ? w / 2 : w).ToArray() };
        }
        if (c.Activation != Activation.Tanh) yield return c with { Activation = Activation.Tanh };
        foreach (var n in new[] { 1, c.Points / 2 }.Where(n => n >= 1 && n < c.Points).Distinct()) yield return c with { Points = n };
        if (c.Seed != 0) yield return c with { Seed = 0 };
    }
}
