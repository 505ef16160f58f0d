using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Pinn.Physics;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using Pinn.Verification.Optimizers;

namespace Pinn.Verification.Solver;

/// <summary>Settings of <see cref="Convergence"/>.</summary>
/// <param name="MaxTest">Seeds tried (each one is a whole study).</param>
/// <param name="Slack">Monotonicity: eₖ₊₁ ≤ Slack · eₖ for every step of the study (1: never larger).</param>
/// <param name="MinimumRate">When set, the least-squares slope of log e against log size must be ≤ −MinimumRate.</param>
public sealed record ConvergenceOptions(int MaxTest = 2, double Slack = 1.0, double? MinimumRate = null);

/// <summary>
/// A short convergence study as a property: for growing sizes (points, widths, steps), the trained error decreases —
/// monotonically up to a slack, and at a stated rate if asked. The study runs once per seed (of the network and the
/// points); a failure shows the sizes and errors and the seed, shrunk toward 0.
/// </summary>
public static class Convergence
{
    /// <summary>The property: <paramref name="errorAt"/>(size, seed) trains at that size and returns its error.</summary>
    public static Property Property(IReadOnlyList<int> sizes, Func<int, int, double> errorAt, ConvergenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(errorAt);
        options ??= new();
        if (sizes.Count < 2 || sizes.Zip(sizes.Skip(1)).Any(p => p.Second <= p.First))
            throw new ArgumentException($"a study needs at least two increasing sizes (got [{string.Join(", ", sizes)}])");
        var seeds = Arb.From(Gen.Choose(0, 1000), s => s == 0 ? [] : [0, s / 2]);
        return Prop.ForAll(seeds, seed => PropertyRun.Verdict(() => Failure(sizes, sizes.Select(n => errorAt(n, seed)).ToArray(), options)));
    }

    /// <summary>Checks the property (throws FsCheck's report on failure).</summary>
    public static void Check(IReadOnlyList<int> sizes, Func<int, int, double> errorAt, ConvergenceOptions? options = null) =>
        PropertyRun.Check(Property(sizes, errorAt, options), (options ?? new()).MaxTest);

    /// <summary>Why the errors <paramref name="errors"/> at <paramref name="sizes"/> are not a convergence, or null.</summary>
    public static string? Failure(IReadOnlyList<int> sizes, IReadOnlyList<double> errors, ConvergenceOptions options)
    {
        var table = string.Join(", ", sizes.Zip(errors, (n, e) => string.Create(CultureInfo.InvariantCulture, $"{n}: {e:E2}")));
        if (errors.Any(e => !double.IsFinite(e))) return $"a non-finite error ({table})";
        for (var k = 0; k + 1 < errors.Count; k++)
        {
            if (errors[k + 1] > options.Slack * errors[k])
                return string.Create(CultureInfo.InvariantCulture, $"the error grows from size {sizes[k]} to {sizes[k + 1]} beyond the slack {options.Slack} ({table})");
        }
        if (options.MinimumRate is double rate && Slope(sizes, errors) is var slope && slope > -rate)
            return string.Create(CultureInfo.InvariantCulture, $"observed rate {-slope:F2} < the stated {rate:F2} ({table})");
        return null;
    }

    /// <summary>The rel. L2 error of <paramref name="problemFor"/>(size) (which must have an exact solution) after training a
    /// network of <paramref name="network"/>'s shape (seeded by the case) with <paramref name="optimizer"/>: an
    /// <c>errorAt</c> for a study over collocation points.</summary>
    public static Func<int, int, double> TrainedError(Func<int, Problem> problemFor, MlpOptions network, string optimizer) => (size, seed) =>
    {
        var problem = problemFor(size);
        if (problem.Solution is null) throw new ArgumentException("a convergence study needs the problem's exact solution (WithSolution)");
        using var net = Mlp.For(problem, network with { Seed = seed });
        return Trainer.For(problem, net).Using(optimizer).With(new TrainingOptions(Seed: seed, EvaluateEvery: 0)).Run().RelativeL2;
    };

    /// <summary>The least-squares slope of log e against log n.</summary>
    private static double Slope(IReadOnlyList<int> sizes, IReadOnlyList<double> errors)
    {
        var x = sizes.Select(n => Math.Log(n)).ToArray();
        var y = errors.Select(e => Math.Log(e)).ToArray();
        double mx = x.Average(), my = y.Average();
        return x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum() / x.Sum(a => (a - mx) * (a - mx));
    }
}
