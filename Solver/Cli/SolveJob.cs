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
    /// <summary>Residual rows (filled by <see cref="Run"/>).</summary>
    public long ResidualCount { get; private set; }

    /// <summary>Validates settings; a mistake becomes a <see cref="UsageException"/>.</summary>
    public static SolveJob FromSettings(SolveSettings s, IReadOnlyList<string> commandLine)
    {
        try
        {
            var entry = ProblemCatalog.Get(s.Problem);
            var size = new ProblemSize(
                s.Points is null ? null : Arguments.Positive("--points", s.Points),
                s.BoundaryPoints is null ? null : Arguments.Positive("--boundary-points", s.BoundaryPoints)).Validate();
            var phases = OptimizerSpec.Parse(s.Optimizer);
            int seed = Arguments.Integer("--seed", s.Seed);
            int threads = Arguments.Positive("--threads", s.Threads);
            int evalEvery = Arguments.NonNegative("--eval-every", s.EvalEvery);
            int resampleEvery = Arguments.NonNegative("--resample-every", s.ResampleEvery);
            var hidden = s.Hidden is null ? entry.DefaultHidden : Arguments.PositiveList("--hidden", s.Hidden);
            var device = s.Device.Trim().ToLowerInvariant();
            if (device is not ("cpu" or "cuda")) throw new UsageException($"--device must be cpu or cuda (got '{s.Device}')");
            if (s.Out is not null)
            {
                if (!s.Out.EndsWith(".h5", StringComparison.OrdinalIgnoreCase) && !s.Out.EndsWith(".hdf5", StringComparison.OrdinalIgnoreCase))
                    throw new UsageException($"--out must name an .h5 file (got '{s.Out}')");
                ResultsFile.EnsureWritable(s.Out);
            }
            var problem = entry.Create(size);
            foreach (var w in s.Weights)
            {
                var parts = w.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var weight)
                    || !(weight >= 0) || !double.IsFinite(weight))
                    throw new UsageException($"--weight must be TERM=W with a finite W ≥ 0 (got '{w}')");
                problem = problem.WithWeight(parts[0], weight);
            }
            var network = new MlpOptions(problem.Domain.Dimension, hidden, problem.Outputs,
                ActivationFunctions.Parse(s.Activation), InitializationNames.Parse(s.Init), seed).Validate();
            return new SolveJob(problem, network, phases, new TrainingOptions(seed, evalEvery, ResampleEvery: resampleEvery), seed, device, threads, s.Out, commandLine);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Prepares the device and threads, builds the network and trains.</summary>
    public TrainingRun Run(IProgressSink progress)
    {
        set_num_threads(Threads);
        if (Device == "cuda")
        {
            if (!cuda.is_available())
                throw new UsageException("--device cuda: no CUDA device or CUDA libtorch here; build with -p:TorchBackend=cuda on a CUDA machine, or use --device cpu");
            set_default_device(CUDA);
        }
        var bounds = Problem.Domain.Bounds;
        using var net = new Mlp(Network, bounds.Lower, bounds.Upper);
        var run = Trainer.For(Problem, net).Using(Phases).With(Training).Reporting(progress).Run();
        ResidualCount = run.ResidualCount;
        Weights = net.Layers.Select((l, i) =>
        {
            var (weight, bias) = net.Layer(net.Parameters, i);
            return (l, Physics.Points.ToVector(weight), Physics.Points.ToVector(bias));
        }).ToArray();
        return run;
    }

    /// <summary>The trained weights per layer (filled by <see cref="Run"/>).</summary>
    public IReadOnlyList<(LayerSlice Layer, double[] Weights, double[] Bias)> Weights { get; private set; } = [];
}
