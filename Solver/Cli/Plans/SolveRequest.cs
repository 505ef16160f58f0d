using System.Globalization;

namespace Pinn.Solver.Cli;

/// <summary>
/// One <c>pinn solve</c> run as typed values: what a study or a benchmark suite plans. <see cref="Arguments"/> renders it
/// to the command line that <c>pinn solve</c> parses, so a plan is data and a planned run is exactly a command a user
/// could type. Null or default members are left out (the solve command's defaults apply).
/// </summary>
public sealed record SolveRequest(string Problem, string Optimizer)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Hidden widths (null: the problem's).</summary>
    public IReadOnlyList<int>? Hidden { get; init; }
    /// <summary>Interior points (null: the problem's).</summary>
    public int? Points { get; init; }
    /// <summary>Boundary and initial points (null: the problem's).</summary>
    public int? BoundaryPoints { get; init; }
    /// <summary>Interior sampling method: grid, halton or uniform (null: the problem's).</summary>
    public string? Sampling { get; init; }
    /// <summary>The hard-constrained form.</summary>
    public bool Hard { get; init; }
    /// <summary>The periodic embedding.</summary>
    public bool Periodic { get; init; }
    /// <summary>Fourier features SIGMA[:COUNT] (null: none).</summary>
    public string? FourierFeatures { get; init; }
    /// <summary>Causal training EPS[:CHUNKS[:EVERY]] (null: off).</summary>
    public string? Causal { get; init; }
    /// <summary>Extra term weights.</summary>
    public IReadOnlyList<(string Term, double Weight)> Weights { get; init; } = [];
    /// <summary>Seed.</summary>
    public int Seed { get; init; }
    /// <summary>Torch threads (1: deterministic and as fast as two on small networks).</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Evaluate the error every this many steps (0: at the end).</summary>
    public int EvaluateEvery { get; init; }
    /// <summary>Also evaluate when the training time has grown by this factor (0: off).</summary>
    public double EvaluateTimeRatio { get; init; }
    /// <summary>Wall-clock training budget in seconds (0: none).</summary>
    public double Budget { get; init; }
    /// <summary>Steps between checkpoints (0: only on a signal or divergence).</summary>
    public int CheckpointEvery { get; init; }
    /// <summary>The results file (null: none).</summary>
    public string? Out { get; init; }
    /// <summary>Apply the problem's recipe to the options left out (false: <c>--no-recipe</c>, the plain defaults, as a plan states every setting it means).</summary>
    public bool Recipe { get; init; }
    /// <summary>No progress output.</summary>
    public bool Quiet { get; init; } = true;

    /// <summary>The <c>pinn solve</c> arguments, command name first.</summary>
    public IReadOnlyList<string> Arguments()
    {
        var a = new List<string> { "solve", Problem, "--optimizer", Optimizer };
        if (Hidden is not null) a.AddRange(["--hidden", string.Join(',', Hidden.Select(h => h.ToString(C)))]);
        if (Points is { } points) a.AddRange(["--points", points.ToString(C)]);
        if (BoundaryPoints is { } boundary) a.AddRange(["--boundary-points", boundary.ToString(C)]);
        if (Sampling is not null) a.AddRange(["--sampling", Sampling]);
        if (Hard) a.Add("--hard");
        if (Periodic) a.Add("--periodic");
        if (FourierFeatures is not null) a.AddRange(["--fourier-features", FourierFeatures]);
        if (Causal is not null) a.AddRange(["--causal", Causal]);
        foreach (var (term, weight) in Weights) a.AddRange(["--weight", $"{term}={weight.ToString("R", C)}"]);
        a.AddRange(["--seed", Seed.ToString(C), "--threads", Threads.ToString(C), "--eval-every", EvaluateEvery.ToString(C)]);
        if (EvaluateTimeRatio > 0) a.AddRange(["--eval-time-ratio", EvaluateTimeRatio.ToString("R", C)]);
        if (Budget > 0) a.AddRange(["--budget", Budget.ToString("R", C)]);
        if (CheckpointEvery > 0) a.AddRange(["--checkpoint-every", CheckpointEvery.ToString(C)]);
        if (Out is not null) a.AddRange(["--out", Out]);
        if (!Recipe) a.Add(SolveRecipe.Off);
        if (Quiet) a.Add("--quiet");
        return a;
    }

    /// <summary>The validated job of these arguments (a mistake becomes a <see cref="UsageException"/>).</summary>
    public SolveJob Job() => SolveArguments.Job(Arguments());
}
