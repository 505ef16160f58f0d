using System.Globalization;

namespace Pinn.Problems;

/// <summary>
/// A problem's default recipe: the <c>pinn solve</c> settings that measured best here (two CPU cores, one torch thread)
/// within a default budget of at most ten minutes; <c>pinn solve PROBLEM</c> without options runs it (BENCHMARKS.md,
/// section <c>defaults</c>, has each recipe's measured error). Every member stands for the <c>solve</c> option of the
/// same name; a null or false member leaves that option at its plain default.
/// </summary>
/// <param name="Optimizer">The optimizer sequence (<c>--optimizer</c>).</param>
public sealed record Recipe(string Optimizer)
{
    /// <summary>The optimizer sequence without a recipe (<c>--no-recipe</c>) and of a recipe that names none.</summary>
    public const string PlainOptimizer = "adam:1000,lbfgs:1000";

    /// <summary>The plain defaults: <see cref="PlainOptimizer"/>, the problem's network and points.</summary>
    public static Recipe Plain { get; } = new(PlainOptimizer);

    /// <summary>Hidden widths (<c>--hidden</c>; null: the problem's).</summary>
    public IReadOnlyList<int>? Hidden { get; init; }
    /// <summary>The hard-constrained form (<c>--hard</c>).</summary>
    public bool Hard { get; init; }
    /// <summary>The periodic embedding (<c>--periodic</c>).</summary>
    public bool Periodic { get; init; }
    /// <summary>Random Fourier features SIGMA[:COUNT] (<c>--fourier-features</c>).</summary>
    public string? FourierFeatures { get; init; }
    /// <summary>Interior sampling: grid, halton or uniform (<c>--sampling</c>).</summary>
    public string? Sampling { get; init; }
    /// <summary>Interior points (<c>--points</c>).</summary>
    public int? Points { get; init; }
    /// <summary>Boundary and initial points (<c>--boundary-points</c>).</summary>
    public int? BoundaryPoints { get; init; }
    /// <summary>Redraw the points every N steps (<c>--resample-every</c>).</summary>
    public int? ResampleEvery { get; init; }
    /// <summary>Residual-based attention (<c>--rba</c>).</summary>
    public string? Attention { get; init; }
    /// <summary>Adaptive sampling from a pool (<c>--adaptive</c>).</summary>
    public string? Adaptive { get; init; }
    /// <summary>Wall-clock cap in seconds (<c>--budget</c>).</summary>
    public double? Budget { get; init; }

    /// <summary>
    /// The recipe as <c>solve</c> options in a fixed order: each option with its value, or with null for a switch
    /// (the optimizer always, so a resolved command line names it even where it is the plain one).
    /// </summary>
    public IReadOnlyList<(string Option, string? Value)> Options
    {
        get
        {
            var c = CultureInfo.InvariantCulture;
            var options = new List<(string, string?)>();
            void Add(string option, string? value) { if (value is not null) options.Add((option, value)); }
            if (Hard) options.Add(("--hard", null));
            if (Periodic) options.Add(("--periodic", null));
            Add("--fourier-features", FourierFeatures);
            Add("--sampling", Sampling);
            Add("--points", Points?.ToString(c));
            Add("--boundary-points", BoundaryPoints?.ToString(c));
            Add("--hidden", Hidden is null ? null : string.Join(',', Hidden.Select(h => h.ToString(c))));
            Add("--resample-every", ResampleEvery?.ToString(c));
            Add("--rba", Attention);
            Add("--adaptive", Adaptive);
            Add("--optimizer", Optimizer);
            Add("--budget", Budget?.ToString("R", c));
            return options;
        }
    }

    /// <summary>The options as command-line words, e.g. <c>--hard --sampling halton --optimizer lm:400</c>.</summary>
    public IReadOnlyList<string> Arguments => Options.SelectMany(o => o.Value is null ? [o.Option] : new[] { o.Option, o.Value }).ToArray();

    /// <inheritdoc />
    public override string ToString() => string.Join(' ', Arguments);
}
