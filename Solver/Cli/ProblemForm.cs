using System.Globalization;
using Pinn.Physics;
using Pinn.Problems;
using Pinn.Verification;

namespace Pinn.Solver.Cli;

/// <summary>
/// Everything that shapes a catalogue problem for a run: sizes and form (hard constraint, periodic embedding), Fourier
/// features, interior sampling and term weights. Built once from the <c>solve</c> options, stored in the results
/// file's <c>/config</c>, and rebuilt from it by <c>verify</c>, so both see the same problem (same collocation points).
/// </summary>
public sealed record ProblemForm(ProblemOptions Size, string? FourierFeatures, string? Sampling, IReadOnlyList<string> Weights)
{
    /// <summary>The catalogue problem <paramref name="name"/> in this form; <paramref name="seed"/> draws the Fourier features.</summary>
    /// <exception cref="UsageException">A value is malformed.</exception>
    /// <exception cref="ArgumentException">The problem has no such form or term.</exception>
    public Problem Create(string name, long seed)
    {
        var problem = ProblemCatalog.Get(name).Create(Size);
        if (FourierFeatures is not null) problem = problem.WithEmbedding(SolveJob.ParseFourierFeatures(FourierFeatures, seed));
        if (Sampling is not null) problem = problem.WithInteriorSampling(SolveJob.ParseSampling(Sampling));
        foreach (var w in Weights)
        {
            var parts = w.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
                || !(weight >= 0) || !double.IsFinite(weight))
                throw new UsageException($"--weight must be TERM=W with a finite W ≥ 0 (got '{w}')");
            problem = problem.WithWeight(parts[0], weight);
        }
        return problem;
    }

    /// <summary>Adds the form to a results file's configuration.</summary>
    public void AddTo(OrderedDictionary<string, object> config)
    {
        config["hard"] = Size.Hard;
        config["periodic"] = Size.PeriodicEmbedding;
        config["points"] = (long)(Size.InteriorPoints ?? 0);
        config["boundary_points"] = (long)(Size.BoundaryPoints ?? 0);
        config["sampling"] = Sampling ?? "";
        config["weights"] = string.Join(";", Weights);
        if (FourierFeatures is not null) config["fourier_features"] = FourierFeatures;
    }

    /// <summary>The form recorded in <paramref name="record"/>'s configuration (0 and "" mean the default).</summary>
    public static ProblemForm Of(RunRecord record)
    {
        var c = record.Config;
        int? Count(string key) => c.TryGetValue(key, out var v) && v is long n && n > 0 ? checked((int)n) : null;
        string? Text(string key) => c.TryGetValue(key, out var v) && v is string t && t.Length > 0 ? t : null;
        bool Flag(string key) => c.TryGetValue(key, out var v) && v is true;
        return new ProblemForm(new ProblemOptions(Count("points"), Count("boundary_points"), Flag("hard"), Flag("periodic")),
            Text("fourier_features"), Text("sampling"), Text("weights")?.Split(';') ?? []);
    }
}
