using Pinn.Problems;

namespace Pinn.Solver.Cli;

/// <summary>
/// Applies a problem's <see cref="Recipe"/> to a <c>solve</c> command line: each recipe option the command line does
/// not give is added, and <c>--no-recipe</c> marks the result as resolved. The resolved line is what checkpoints store
/// and <c>pinn resume</c> replays, so a resumed run has the settings it started with even if the recipe changes.
/// </summary>
public static class SolveRecipe
{
    /// <summary>The option that turns the recipe off (and marks a resolved command line).</summary>
    public const string Off = "--no-recipe";

    /// <summary>
    /// The resolved <c>solve</c> arguments (problem first, ending in <see cref="Off"/>) of <paramref name="arguments"/>
    /// parsed as <paramref name="s"/>, and the recipe's words it took over (none when <paramref name="s"/> has
    /// <c>--no-recipe</c>: then the arguments come back unchanged).
    /// </summary>
    public static (IReadOnlyList<string> Arguments, IReadOnlyList<string> Applied) Resolve(SolveSettings s, IReadOnlyList<string> arguments, Recipe recipe)
    {
        if (s.NoRecipe) return (arguments, []);
        var applied = recipe.Options.Where(o => !Given(s, o.Option))
            .SelectMany(o => o.Value is null ? [o.Option] : new[] { o.Option, o.Value }).ToArray();
        return ([.. arguments, .. applied, Off], applied);
    }

    /// <summary>Whether the command line gave the setting a recipe option stands for (a user's option wins over the recipe's).</summary>
    private static bool Given(SolveSettings s, string option) => option switch
    {
        "--optimizer" => s.Optimizer is not null,
        "--hidden" => s.Hidden is not null,
        "--hard" => s.Hard,
        "--periodic" => s.Periodic,
        "--fourier-features" => s.FourierFeatures is not null,
        "--sampling" => s.Sampling is not null,
        "--points" => s.Points is not null,
        "--boundary-points" => s.BoundaryPoints is not null,
        "--budget" => s.Budget is not null,
        "--rba" => s.Rba is not null,
        // --adaptive and --resample-every exclude each other: the user's choice of either replaces the recipe's of both
        "--adaptive" or "--resample-every" => s.Adaptive is not null || s.ResampleEvery is not null,
        _ => throw new InvalidOperationException($"recipe option {option} has no solve setting"),
    };
}
