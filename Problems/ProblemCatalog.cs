namespace Pinn.Problems;

/// <summary>The problems the <c>pinn</c> command knows by name.</summary>
public static class ProblemCatalog
{
    private static readonly IBenchmarkProblem[] Entries = [
        new Poisson2d(), new Heat1d(), new Poisson5d(), new Convection(), new Reaction(), new Wave(),
        new Burgers(), new AllenCahn(), new Helmholtz2d(), new Kovasznay(),
    ];

    /// <summary>Every problem, in listing order.</summary>
    public static IReadOnlyList<IBenchmarkProblem> All => Entries;

    /// <summary>The problem called <paramref name="name"/>; a one-line error listing the known names otherwise.</summary>
    public static IBenchmarkProblem Get(string name) =>
        Entries.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown problem '{name}'; known: {string.Join(", ", Entries.Select(p => p.Name))} (see 'pinn list')");
}
