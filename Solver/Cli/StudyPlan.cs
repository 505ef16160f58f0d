using Pinn.Optimizers;
using Pinn.Problems;

namespace Pinn.Solver.Cli;

/// <summary>A validated convergence study: one <see cref="SolveSettings"/> per value of the varied quantity.</summary>
public sealed record StudyPlan(string Problem, string Key, IReadOnlyList<string> Values, IReadOnlyList<SolveSettings> Runs, string OutDirectory)
{
    /// <summary>The quantities <c>--vary</c> accepts.</summary>
    public static readonly string[] Keys = ["width", "depth", "points", "boundary-points", "seed", "optimizer"];

    /// <summary>Whether the varied values are numbers (a log-log figure) or names (optimizers).</summary>
    public bool Numeric => Key != "optimizer";

    /// <summary>Parses and validates everything before any run starts.</summary>
    public static StudyPlan From(StudySettings s)
    {
        IBenchmarkProblem entry;
        try { entry = ProblemCatalog.Get(s.Problem); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        var parts = s.Vary.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !Keys.Contains(parts[0].ToLowerInvariant()) || parts[1].Length == 0)
            throw new UsageException($"--vary must be KEY=V1,V2,... with KEY one of {string.Join(", ", Keys)} (got '{s.Vary}')");
        var key = parts[0].ToLowerInvariant();
        var values = parts[1].Split(key == "optimizer" ? ';' : ',', StringSplitOptions.TrimEntries);
        if (values.Length < 2 || values.Any(v => v.Length == 0))
            throw new UsageException($"--vary {key} needs at least two non-empty values (got '{parts[1]}')");
        var baseHidden = s.Hidden is null ? entry.DefaultHidden : Arguments.PositiveList("--hidden", s.Hidden);
        var runs = values.Select(v =>
        {
            var settings = new SolveSettings
            {
                Problem = entry.Name,
                Optimizer = key == "optimizer" ? v : s.Optimizer,
                Hidden = key switch
                {
                    "width" => string.Join(",", Enumerable.Repeat(Arguments.Positive("--vary width", v), baseHidden.Length)),
                    "depth" => string.Join(",", Enumerable.Repeat(baseHidden[0], Arguments.Positive("--vary depth", v))),
                    _ => string.Join(",", baseHidden),
                },
                Points = key == "points" ? Arguments.Positive("--vary points", v).ToString() : s.Points,
                BoundaryPoints = key == "boundary-points" ? Arguments.Positive("--vary boundary-points", v).ToString() : s.BoundaryPoints,
                Seed = key == "seed" ? Arguments.Integer("--vary seed", v).ToString() : s.Seed,
                Threads = s.Threads,
                Causal = s.Causal,
                Hard = s.Hard,
                Sampling = s.Sampling,
                Periodic = s.Periodic,
                FourierFeatures = s.FourierFeatures,
                EvalEvery = "0",
                Quiet = true,
            };
            SolveJob.FromSettings(settings, ["solve", entry.Name]);   // validates now, before the first run
            if (key == "optimizer") OptimizerSpec.Parse(v);
            return settings;
        }).ToArray();
        var outDirectory = s.Out ?? $"study-{entry.Name}-{key}";
        if (File.Exists(outDirectory)) throw new UsageException($"--out '{outDirectory}' is a file; give a directory");
        return new StudyPlan(entry.Name, key, values, runs, outDirectory);
    }
}
