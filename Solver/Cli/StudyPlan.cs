using Pinn.Optimizers;
using Pinn.Problems;

namespace Pinn.Solver.Cli;

/// <summary>One run of a study: a value per varied quantity and the solve it makes.</summary>
public sealed record StudyPoint(IReadOnlyList<string> Values, SolveRequest Request);

/// <summary>
/// A validated study: one <see cref="SolveRequest"/> per combination of the varied quantities' values (the first
/// <c>--vary</c> outermost), made into a <see cref="RunPlan"/> that runs here, on a cluster, or anywhere in between.
/// </summary>
public sealed record StudyPlan(string Problem, IReadOnlyList<StudyAxis> Axes, IReadOnlyList<StudyPoint> Points, string OutDirectory)
{
    /// <summary>The varied keys, outermost first.</summary>
    public IReadOnlyList<string> Keys => Axes.Select(a => a.Key).ToArray();

    /// <summary>Parses and validates everything before any run starts.</summary>
    public static StudyPlan From(StudySettings s)
    {
        IBenchmarkProblem entry;
        try { entry = ProblemCatalog.Get(s.Problem); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        if (s.Vary.Length == 0) throw new UsageException($"--vary KEY=V1,V2,... is required, with KEY one of {string.Join(", ", StudyAxis.Keys)}");
        var axes = s.Vary.Select(StudyAxis.Parse).ToArray();
        if (axes.Select(a => a.Key).Distinct().Count() != axes.Length) throw new UsageException("each --vary KEY may be given once");
        if (axes.Any(a => a.Key == "width") && axes.Any(a => a.Key == "depth"))
            throw new UsageException("--vary width and --vary depth together are not supported; vary --hidden by hand instead");
        var baseHidden = s.Hidden is null ? entry.DefaultHidden : Arguments.PositiveList("--hidden", s.Hidden);
        var template = new SolveRequest(entry.Name, s.Optimizer)
        {
            Hidden = baseHidden,
            Points = s.Points is null ? null : Arguments.Positive("--points", s.Points),
            BoundaryPoints = s.BoundaryPoints is null ? null : Arguments.Positive("--boundary-points", s.BoundaryPoints),
            Seed = Arguments.Integer("--seed", s.Seed),
            Threads = Arguments.Positive("--threads", s.Threads),
            Causal = s.Causal,
            Hard = s.Hard,
            Sampling = s.Sampling,
            Periodic = s.Periodic,
            FourierFeatures = s.FourierFeatures,
            CheckpointEvery = Arguments.NonNegative("--checkpoint-every", s.CheckpointEvery),
        };
        var points = Combinations(axes).Select(values =>
        {
            var request = template;
            for (int k = 0; k < axes.Length; k++) request = With(request, axes[k].Key, values[k]);
            (request with { CheckpointEvery = 0 }).Job();   // validates now, before the first run (without touching files)
            return new StudyPoint(values, request);
        }).ToArray();
        var outDirectory = s.Out ?? (s.Plan is null ? $"study-{entry.Name}-{string.Join('-', axes.Select(a => a.Key))}" : Path.GetDirectoryName(Path.GetFullPath(s.Plan))!);
        if (File.Exists(outDirectory)) throw new UsageException($"--out '{outDirectory}' is a file; give a directory");
        return new StudyPlan(entry.Name, axes, points, outDirectory);
    }

    /// <summary>The plan of the study: run i writes <c>OUT/runs/NNN-LABELS.h5</c>.</summary>
    public RunPlan ToRunPlan(string command)
    {
        var entries = Points.Select((p, i) =>
        {
            var labels = Axes.Select((a, k) => KeyValuePair.Create(a.Key, p.Values[k])).ToArray();
            var results = PlanNames.Results(OutDirectory, i, string.Join(' ', labels.Select(l => $"{l.Key}={l.Value}")));
            return new PlanEntry(i, labels, results, (p.Request with { Out = results }).Arguments());
        }).ToArray();
        return new RunPlan(new PlanHeader(PlanHeader.Study, OutDirectory, command) { Problem = Problem, Keys = Keys }, entries);
    }

    private static SolveRequest With(SolveRequest r, string key, string value) => key switch
    {
        "width" => r with { Hidden = Enumerable.Repeat(Arguments.Positive("--vary width", value), r.Hidden!.Count).ToArray() },
        "depth" => r with { Hidden = Enumerable.Repeat(r.Hidden![0], Arguments.Positive("--vary depth", value)).ToArray() },
        "points" => r with { Points = Arguments.Positive("--vary points", value) },
        "boundary-points" => r with { BoundaryPoints = Arguments.Positive("--vary boundary-points", value) },
        "seed" => r with { Seed = Arguments.Integer("--vary seed", value) },
        "optimizer" => Optimizer(r, value),
        _ => throw new UsageException($"--vary {key} is not supported"),
    };

    private static SolveRequest Optimizer(SolveRequest r, string spec)
    {
        try { OptimizerSpec.Parse(spec); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        return r with { Optimizer = spec };
    }

    private static IEnumerable<string[]> Combinations(IReadOnlyList<StudyAxis> axes) =>
        axes.Aggregate((IEnumerable<string[]>)[[]], (acc, axis) => acc.SelectMany(prefix => axis.Values.Select(v => (string[])[.. prefix, v])));
}
