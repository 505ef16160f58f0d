using Pinn.Optimizers;
using Pinn.Problems;

namespace Pinn.Solver.Bench;

/// <summary>
/// The benchmark suites. <c>quick</c>: every catalogue optimizer on poisson2d and heat1d with the
/// literature's 2-64-1 network (the KFAC-for-PINNs comparison), one budget each. <c>paper</c>: the harder
/// problems with the sequences that work best on them.
/// </summary>
public static class BenchSuites
{
    /// <summary>Suite names.</summary>
    public static readonly string[] Names = ["quick", "paper"];

    /// <summary>Default wall-clock budget per case, seconds.</summary>
    public static double DefaultBudget(string suite) => suite == "quick" ? 10 : 120;

    /// <summary>The cases of <paramref name="suite"/> (only problems and optimizers this build has).</summary>
    public static IReadOnlyList<BenchCase> Cases(string suite) => suite switch
    {
        "quick" => Quick().ToArray(),
        "paper" => Paper().Where(c => ProblemCatalog.All.Any(p => p.Name == c.Problem)).ToArray(),
        _ => throw new ArgumentException($"unknown suite '{suite}'; known: {string.Join(", ", Names)}"),
    };

    private static IEnumerable<BenchCase> Quick()
    {
        const int Long = 1_000_000;   // phases run until the budget ends
        foreach (var problem in new[] { "poisson2d", "heat1d" })
        {
            yield return new BenchCase(problem, "adam→lbfgs", $"adam:1000,lbfgs:{Long}", [64]);
            foreach (var d in OptimizerCatalog.Default.Descriptors)
                yield return new BenchCase(problem, d.Name, $"{d.Name}:{Long}", [64]);
        }
    }

    private static IEnumerable<BenchCase> Paper()
    {
        const int Long = 1_000_000;
        yield return new BenchCase("poisson5d", "engd", $"engd:{Long}", [64]);
        yield return new BenchCase("convection", "adam→lbfgs→nncg", $"adam:1000,lbfgs:2000,nncg:{Long}");
        yield return new BenchCase("reaction", "adam→lbfgs→nncg", $"adam:1000,lbfgs:2000,nncg:{Long}");
        yield return new BenchCase("wave", "adam→lbfgs→nncg", $"adam:1000,lbfgs:2000,nncg:{Long}");
        yield return new BenchCase("helmholtz2d", "engd", $"engd:{Long}", [64]);
        yield return new BenchCase("burgers", "adam→lbfgs", $"adam:1000,lbfgs:{Long}");
        yield return new BenchCase("allen-cahn", "adam→lbfgs", $"adam:1000,lbfgs:{Long}");
        yield return new BenchCase("kovasznay", "engd", $"engd:{Long}", [32]);
    }
}
