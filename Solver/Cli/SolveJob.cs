using Pinn.Optimizers;
using Pinn.Physics;
using Pinn.Problems;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using Pinn.Verification;
using static TorchSharp.torch;

namespace Pinn.Solver.Cli;

/// <summary>A fully validated <c>solve</c> request: everything checked before any work starts.</summary>
public sealed record SolveJob(
    Problem Problem,
    MlpOptions Network,
    IReadOnlyList<OptimizerPhase> Phases,
    TrainingOptions Training,
    int Seed,
    string Device,
    int Threads,
    string? OutPath,
    IReadOnlyList<string> CommandLine)
{
    /// <summary>The <c>solve</c> arguments (problem first, without <c>--resume-from</c>): stored in checkpoints and replayed on resume.</summary>
    public IReadOnlyList<string> SolveArguments { get; init; } = [];

    /// <summary>Steps between periodic checkpoints (0: only on Ctrl-C or divergence).</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Where checkpoints go.</summary>
    public string CheckpointPath { get; init; } = "checkpoint.h5";

    /// <summary>The checkpoint to continue from, if resuming.</summary>
    public TrainingSnapshot? Resume { get; init; }

    /// <summary>The problem's sizes and form (hard constraint, embeddings, sampling, weights) as requested.</summary>
    public ProblemForm Form { get; init; } = new(new ProblemOptions(), null, null, []);

    /// <summary>The problem's sizes and form (hard constraint, periodic embedding) as requested.</summary>
    public ProblemOptions Size => Form.Size;

    /// <summary>The recipe's words this run took over (empty with <c>--no-recipe</c> and on a resolved command line).</summary>
    public IReadOnlyList<string> RecipeOptions { get; init; } = [];

    /// <summary>The training budget in seconds (0: none).</summary>
    public double Budget => Training.TimeBudget;

    /// <summary>Residual rows (filled by <see cref="Run"/>).</summary>
    public long ResidualCount { get; private set; }

    /// <summary>
    /// Validates settings; a mistake becomes a <see cref="UsageException"/>. Without <c>--no-recipe</c> the problem's
    /// recipe fills every option <paramref name="commandLine"/> does not give (<see cref="SolveRecipe"/>).
    /// </summary>
    public static SolveJob FromSettings(SolveSettings s, IReadOnlyList<string> commandLine)
    {
        try
        {
            var entry = ProblemCatalog.Get(s.Problem);
            if (!s.NoRecipe) return WithRecipe(s, commandLine, entry.Recipe);
            var size = new ProblemOptions(
                s.Points is null ? null : Arguments.Positive("--points", s.Points),
                s.BoundaryPoints is null ? null : Arguments.Positive("--boundary-points", s.BoundaryPoints), s.Hard, s.Periodic).Validate();
            var phases = OptimizerSpec.Parse(s.Optimizer ?? Recipe.PlainOptimizer);
            int seed = Arguments.Integer("--seed", s.Seed);
            int threads = Arguments.Positive("--threads", s.Threads);
            int evalEvery = Arguments.NonNegative("--eval-every", s.EvalEvery);
            int resampleEvery = s.ResampleEvery is null ? 0 : Arguments.NonNegative("--resample-every", s.ResampleEvery);
            double evalTimeRatio = Arguments.NonNegativeNumber("--eval-time-ratio", s.EvalTimeRatio);
            if (evalTimeRatio is > 0 and <= 1) throw new UsageException($"--eval-time-ratio must be 0 (off) or above 1, such as 1.1 (got '{s.EvalTimeRatio}')");
            var hidden = s.Hidden is null ? entry.DefaultHidden : Arguments.PositiveList("--hidden", s.Hidden);
            var device = s.Device.Trim().ToLowerInvariant();
            if (device is not ("cpu" or "cuda")) throw new UsageException($"--device must be cpu or cuda (got '{s.Device}')");
            if (s.Out is not null)
            {
                if (!s.Out.EndsWith(".h5", StringComparison.OrdinalIgnoreCase) && !s.Out.EndsWith(".hdf5", StringComparison.OrdinalIgnoreCase))
                    throw new UsageException($"--out must name an .h5 file (got '{s.Out}')");
                ResultsFile.EnsureWritable(s.Out);
            }
            if (s.Plot && s.Out is null) throw new UsageException("--plot writes figures next to the results file: give --out FILE.h5 too");
            double budget = s.Budget is null ? 0 : Arguments.NonNegativeNumber("--budget", s.Budget);
            int checkpointEvery = Arguments.NonNegative("--checkpoint-every", s.CheckpointEvery);
            var attention = s.Rba is null ? null : Engine.ResidualAttention.Parse(s.Rba);
            var adaptive = s.Adaptive is null ? null : Engine.AdaptiveSampling.Parse(s.Adaptive);
            if (adaptive is not null && resampleEvery > 0)
                throw new UsageException("--adaptive draws the PDE points from a pool every N steps; drop --resample-every");
            var checkpointPath = s.Checkpoint ?? DefaultCheckpointPath(s.Out, entry.Name);
            if (!checkpointPath.EndsWith(".h5", StringComparison.OrdinalIgnoreCase) && !checkpointPath.EndsWith(".hdf5", StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"--checkpoint must name an .h5 file (got '{checkpointPath}')");
            if (checkpointEvery > 0 || s.Checkpoint is not null) ResultsFile.EnsureWritable(checkpointPath);
            var form = new ProblemForm(size, s.FourierFeatures, s.Sampling, s.Weights);
            var problem = form.Create(entry.Name, seed);
            if (adaptive is not null) CheckPool(problem, adaptive);
            var network = new MlpOptions(problem.Domain.Dimension, hidden, problem.Outputs,
                ActivationFunctions.Parse(s.Activation), InitializationNames.Parse(s.Init), seed).Validate();
            var causal = s.Causal is null ? null : Engine.CausalWeighting.Parse(s.Causal);
            if (causal is not null && problem.Domain.Time is null)
                throw new UsageException($"--causal needs a time-dependent problem; '{problem.Name}' has no time coordinate");
            if (causal is { UpdateEvery: 1 } && phases.Any(p => p.Name == "lbfgs") && !s.Quiet)
                Console.Error.WriteLine("pinn: warning: --causal updates the weights every step, which restarts L-BFGS's history each step; " +
                    "for an lbfgs phase use e.g. --causal EPS:32:50");
            if (threads > Limits.MaxThreads) throw new UsageException($"--threads may be at most {Limits.MaxThreads} (got {threads})");
            Limits.Check(problem, network, phases, causal, adaptive, size, Limits.MaxBytes(s.MaxMemory));
            var training = new TrainingOptions(seed, evalEvery, ResampleEvery: resampleEvery, TimeBudget: budget, EvaluateTimeRatio: evalTimeRatio)
                { Causal = causal, Attention = attention, Adaptive = adaptive };
            var job = new SolveJob(problem, network, phases, training, seed, device, threads, s.Out, commandLine)
            {
                SolveArguments = SolveArgumentsOf(commandLine),
                CheckpointEvery = checkpointEvery,
                CheckpointPath = checkpointPath,
                Form = form,
            };
            return s.ResumeFrom is null ? job : job with { Resume = Checkpoints.Load(s.ResumeFrom, job) };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The job of the command line resolved with <paramref name="recipe"/> (parsed again by the program's own parser).</summary>
    private static SolveJob WithRecipe(SolveSettings s, IReadOnlyList<string> commandLine, Recipe recipe)
    {
        var (arguments, applied) = SolveRecipe.Resolve(s, SolveArgumentsOf(commandLine), recipe);
        List<string> line = ["solve", .. arguments];
        if (s.ResumeFrom is not null) line.AddRange(["--resume-from", s.ResumeFrom]);
        return FromSettings(Cli.SolveArguments.Parse(line), line) with { RecipeOptions = applied };
    }

    /// <summary>Refuses a pool smaller than an interior term's batch (its point count; a grid's is the nearest perfect power).</summary>
    private static void CheckPool(Problem problem, Engine.AdaptiveSampling adaptive)
    {
        int d = problem.Domain.Dimension;
        foreach (var t in problem.Terms.Where(t => t.Pointwise && ReferenceEquals(t.Region, problem.Domain.Interior)))
        {
            double points = t.Sample.Method == SamplingMethod.Grid ? Math.Pow(t.Sample.PerDimension(d), d) : t.Sample.Count;
            if (points > adaptive.Pool)
                throw new UsageException($"--adaptive: the pool of {adaptive.Pool} candidates is smaller than the {points:F0} points of term '{t.Name}'; raise pool= or lower --points");
        }
    }

    /// <summary>Parses the <c>--sampling</c> method.</summary>
    public static SamplingMethod ParseSampling(string text) => text.Trim().ToLowerInvariant() switch
    {
        "grid" => SamplingMethod.Grid,
        "halton" => SamplingMethod.Halton,
        "uniform" => SamplingMethod.Uniform,
        _ => throw new UsageException($"--sampling must be grid, halton or uniform (got '{text}')"),
    };

    /// <summary>Parses <c>SIGMA[:COUNT]</c> of <c>--fourier-features</c>; the draw is seeded by the run's seed.</summary>
    public static FourierFeatures ParseFourierFeatures(string text, long seed)
    {
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length > 2 || !double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var sigma)
            || !(sigma > 0) || !double.IsFinite(sigma))
            throw new UsageException($"--fourier-features must be SIGMA[:COUNT] with a finite SIGMA > 0, e.g. 1 or 2.5:128 (got '{text}')");
        int count = parts.Length == 2 ? Arguments.Positive("--fourier-features COUNT", parts[1]) : Physics.FourierFeatures.DefaultCount;
        return new FourierFeatures(sigma, count, seed);
    }

    private static string DefaultCheckpointPath(string? outPath, string problem) =>
        outPath is null ? $"{problem}.checkpoint.h5" : Path.ChangeExtension(outPath, null) + ".checkpoint.h5";

    /// <summary>The arguments after the command name, without a <c>--resume-from FILE</c> pair.</summary>
    private static string[] SolveArgumentsOf(IReadOnlyList<string> commandLine)
    {
        var args = commandLine.ToList();
        if (args.Count > 0 && args[0].Equals("solve", StringComparison.OrdinalIgnoreCase)) args.RemoveAt(0);
        int i = args.FindIndex(a => a == "--resume-from");
        if (i >= 0) args.RemoveRange(i, Math.Min(2, args.Count - i));
        return args.Where(a => !a.StartsWith("--resume-from=", StringComparison.Ordinal)).ToArray();
    }

    /// <summary>Prepares the device and threads, builds the network and trains; cancelling stops with a checkpoint.</summary>
    public TrainingRun Run(IProgressSink progress, CancellationToken cancel = default)
    {
        set_num_threads(Threads);
        if (Device == "cuda")
        {
            if (!cuda.is_available())
                throw new UsageException("--device cuda: no CUDA device or CUDA libtorch here; build with -p:TorchBackend=cuda on a CUDA machine, or use --device cpu");
            set_default_device(CUDA);
        }
        using var net = Mlp.For(Problem, Network);
        var trainer = Trainer.For(Problem, net).Using(Phases).With(Training).Reporting(progress)
            .Checkpointing(CheckpointEvery, snapshot =>
            {
                Checkpoints.Write(CheckpointPath, snapshot, this, net);
                LastCheckpoint = CheckpointPath;
            });
        if (Resume is not null) trainer.ResumingFrom(Resume);
        var run = trainer.Run(cancel);
        ResidualCount = run.ResidualCount;
        CaptureWeights(net);
        return run;
    }

    /// <summary>The path of the last checkpoint written by <see cref="Run"/>, if any.</summary>
    public string? LastCheckpoint { get; private set; }

    /// <summary>Copies the network's current weights into <see cref="Weights"/>.</summary>
    internal void CaptureWeights(Mlp net)
    {
        Weights = net.Layers.Select((l, i) =>
        {
            var (weight, bias) = net.Layer(net.Parameters, i);
            return (l, Physics.Points.ToVector(weight), Physics.Points.ToVector(bias));
        }).ToArray();
        Embedding = net.Features is { } f ? Physics.Points.ToArray(f.Frequencies) : null;
        Passthrough = net.Features is { } g ? Enumerable.Range(0, g.Inputs).Select(k => g.Passthrough.Contains(k) ? 1L : 0L).ToArray() : null;
    }

    /// <summary>With an input embedding: 1 for each coordinate passed through, else 0 (filled with <see cref="Weights"/>).</summary>
    public long[]? Passthrough { get; private set; }

    /// <summary>The trained weights per layer (filled by <see cref="Run"/>).</summary>
    public IReadOnlyList<(LayerSlice Layer, double[] Weights, double[] Bias)> Weights { get; private set; } = [];

    /// <summary>The input embedding's frequency matrix Ω [m, d], if the network has one (filled with <see cref="Weights"/>).</summary>
    public double[,]? Embedding { get; private set; }
}
