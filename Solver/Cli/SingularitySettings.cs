using System.ComponentModel;
using System.Globalization;
using Pinn.Solver.Networks;
using Pinn.Solver.Singularity;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>Arguments of <c>pinn singularity MODEL</c>.</summary>
public sealed class SingularitySettings : SingularityAnalyticSettings
{
    /// <summary>The model (only <c>burgers</c>).</summary>
    [CommandArgument(0, "<MODEL>")]
    [Description("The equation: burgers (-λU + ((1+λ)y + U)U' = 0) or ccf (Córdoba-Córdoba-Fontelos, -λΘ + ((1+λ)y - HΘ)Θ' = 0).")]
    public string Model { get; init; } = "";

    /// <summary>Branch.</summary>
    [CommandOption("--branch <I>")]
    [Description("Branch i: the profile with λ = 1/(2i+2) (0: stable, 1: first unstable, …; default 0).")]
    public string Branch { get; init; } = "0";

    /// <summary>Method.</summary>
    [CommandOption("--method <NAME>")]
    [Description("burgers only: network (default; networks of the compact coordinate) or analytic (the basis of the ccf search).")]
    public string Method { get; init; } = "network";

    /// <summary>Stages.</summary>
    [CommandOption("--stages <K>")]
    [Description("Training stages, 1..5 (default 3 for networks, 2 for the analytic ansatz): each later stage fits the remaining error.")]
    public string? Stages { get; init; }

    /// <summary>Initial λ.</summary>
    [CommandOption("--lambda0 <L>")]
    [Description("Initial λ (default 0.9 × the admissible value, e.g. 0.45 on branch 0).")]
    public string? Lambda0 { get; init; }

    /// <summary>λ search.</summary>
    [CommandOption("--search")]
    [Description("Find λ first by a secant search, each evaluation a Levenberg–Marquardt solve with λ fixed (origin row off) whose value is the residual's Taylor coefficient of order 2m+1 at y = 0.")]
    public bool Search { get; init; }

    /// <summary>Steps of each fixed-λ solve of the search.</summary>
    [CommandOption("--search-steps <N>")]
    [Description("Levenberg–Marquardt steps of each fixed-λ solve of the λ search (default 300 for networks with --search, 150 for the analytic ansatz).")]
    public string? SearchSteps { get; init; }

    /// <summary>Hidden widths.</summary>
    [CommandOption("--hidden <WIDTHS>")]
    [Description("Hidden widths of the stage-1 network (default 16,16).")]
    public string Hidden { get; init; } = "16,16";

    /// <summary>Hidden widths of later stages.</summary>
    [CommandOption("--correction-hidden <WIDTHS>")]
    [Description("Hidden widths of the networks of stages 2.. (default 16,16).")]
    public string CorrectionHidden { get; init; } = "16,16";

    /// <summary>Activation of later stages.</summary>
    [CommandOption("--correction-activation <NAME>")]
    [Description("Activation of stages 2..: sin (default, Fourier-type features) or tanh.")]
    public string CorrectionActivation { get; init; } = "sin";

    /// <summary>Collocation points.</summary>
    [CommandOption("--points <N>")]
    [Description("Collocation points of stage 1 on y > 0, Chebyshev in the compact coordinate (default 200; the ansatz is odd).")]
    public string Points { get; init; } = "200";

    /// <summary>Collocation points of later stages.</summary>
    [CommandOption("--correction-points <N>")]
    [Description("Collocation points of stages 2.. (default 400).")]
    public string CorrectionPoints { get; init; } = "400";

    /// <summary>Input scales of later stages.</summary>
    [CommandOption("--correction-scales <K>")]
    [Description("Input scale κ of the networks of stages 2, 3, … (the last repeats): input box [[1/2 - 1/κ, 1/2 + 1/κ]] (default 30,60).")]
    public string CorrectionScales { get; init; } = "30,60";

    /// <summary>Lengths of later stages.</summary>
    [CommandOption("--correction-lengths <A>")]
    [Description("Lengths a of the networks of every stage 2..: each is a function of the compact coordinate of y/a (default 0.3,1: one network near the origin, one for the far field).")]
    public string CorrectionLengths { get; init; } = "0.3,1";

    /// <summary>Stages that train λ.</summary>
    [CommandOption("--lambda-stages <K>")]
    [Description("λ is trained in stages 1..K and held in later ones (default 2: a later stage's rows, divided by its tiny ε, resolve λ below one unit in its last place).")]
    public string LambdaStages { get; init; } = "2";

    /// <summary>Chebyshev stages.</summary>
    [CommandOption("--chebyshev <S:K>")]
    [Description("Stages S, S+1, ... fit the remaining error with Chebyshev series of degree K in each component's coordinate (a linear least-squares fit) instead of networks; off: networks in every stage (default 2:200).")]
    public string Chebyshev { get; init; } = "2:200";

    /// <summary>Adaptive points.</summary>
    [CommandOption("--adaptive <N>")]
    [Description("Points added at the residual's largest peaks every 100 steps (default 20; 0 keeps the Chebyshev points only).")]
    public string Adaptive { get; init; } = "20";

    /// <summary>Steps per stage.</summary>
    [CommandOption("--steps <N>")]
    [Description("Levenberg–Marquardt steps per stage at most (default 2000 for networks, 200 for the analytic ansatz). Networks also take one count per stage, N1,N2,..., the last repeating (e.g. 3000,3000,4000: a longer third stage, the first two unchanged).")]
    public string? Steps { get; init; }

    /// <summary>Linear algebra of each step.</summary>
    [CommandOption("--solver <NAME>")]
    [Description("How each Levenberg–Marquardt step is solved: svd (default; SVD of the column-scaled Jacobian) or normal (Cholesky on the normal equations, for comparison).")]
    public string Solver { get; init; } = "svd";

    /// <summary>Row weights.</summary>
    [CommandOption("--weights <W1,W2,WC,WO>")]
    [Description("Weights of the residual-derivative rows √(1+y²)R̃', (1+y²)R̃'', of the normalisation rows, and of R's Taylor coefficient of order 2m+1 at y = 0 (default 0.1,0.01,1,1; WO = 0 leaves it out).")]
    public string Weights { get; init; } = "0.1,0.01,1,1";

    /// <summary>Damping matrix.</summary>
    [CommandOption("--scaling <NAME>")]
    [Description("Damping matrix of --solver normal: diagonal (default, Marquardt) or identity (Levenberg).")]
    public string Scaling { get; init; } = "diagonal";

    /// <summary>Seed.</summary>
    [CommandOption("--seed <S>")]
    [Description("Seed of the network initialisation (default 0).")]
    public string Seed { get; init; } = "0";

    /// <summary>Torch threads.</summary>
    [CommandOption("--threads <N>")]
    [Description("Torch intra-op threads (default 1).")]
    public string Threads { get; init; } = "1";

    /// <summary>Results file.</summary>
    [CommandOption("--out <FILE.h5>")]
    [Description("Write the profile, residual, λ and each stage's history to an HDF5 file, and the residual plot next to it (.png, .svg).")]
    public string? Out { get; init; }

    /// <summary>JSON summary.</summary>
    [CommandOption("--json")]
    [Description("Print the summary as one line of JSON on stdout.")]
    public bool Json { get; init; }

    /// <summary>No progress output.</summary>
    [CommandOption("-q|--quiet")]
    [Description("No progress output on stderr.")]
    public bool Quiet { get; init; }

    /// <summary>The checked solver options; a mistake becomes a <see cref="UsageException"/>.</summary>
    public SingularityOptions ToOptions()
    {
        if (Equation() is not BurgersProfileEquation || Analytic)
            throw new InvalidOperationException("the network options apply to burgers --method network only");
        int branch = Arguments.NonNegative("--branch", Branch);
        if (branch > 20) throw new UsageException($"--branch must be in 0..20 (got '{Branch}')");
        int stages = Arguments.Positive("--stages", Stages ?? "3");
        if (stages > 5) throw new UsageException($"--stages must be in 1..5 (got '{Stages}')");
        double? lambda0 = Lambda();
        int points = Arguments.Positive("--points", Points);
        if (points < 8) throw new UsageException($"--points must be at least 8 (got '{Points}')");
        var activation = CorrectionActivation.Trim().ToLowerInvariant() switch
        {
            "sin" => Activation.Sin,
            "tanh" => Activation.Tanh,
            _ => throw new UsageException($"--correction-activation must be sin or tanh (got '{CorrectionActivation}')"),
        };
        if (!long.TryParse(Seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
            throw new UsageException($"--seed must be an integer (got '{Seed}')");
        Arguments.Positive("--threads", Threads);
        if (Out is not null && !Out.EndsWith(".h5", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--out must name an .h5 file (got '{Out}')");
        var weights = Weights.Split(',', StringSplitOptions.TrimEntries)
            .Select(w => double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v) ? v : double.NaN).ToArray();
        if (weights.Length != 4 || weights.Any(double.IsNaN) || weights[2] == 0)
            throw new UsageException($"--weights must be four finite numbers ≥ 0 W1,W2,WC,WO with WC > 0 (got '{Weights}')");
        var solver = Solver.Trim().ToLowerInvariant() switch
        {
            "svd" => ProfileLinearSolver.Svd,
            "normal" => ProfileLinearSolver.NormalEquations,
            _ => throw new UsageException($"--solver must be svd or normal (got '{Solver}')"),
        };
        var kappas = PositiveNumbers("--correction-scales", CorrectionScales);
        var lengths = PositiveNumbers("--correction-lengths", CorrectionLengths);
        int correctionPoints = Arguments.Positive("--correction-points", CorrectionPoints);
        if (correctionPoints < 8) throw new UsageException($"--correction-points must be at least 8 (got '{CorrectionPoints}')");
        var scaling = Scaling.Trim().ToLowerInvariant() switch
        {
            "diagonal" => Optimizers.LevenbergMarquardtScaling.Diagonal,
            "identity" => Optimizers.LevenbergMarquardtScaling.Identity,
            _ => throw new UsageException($"--scaling must be diagonal or identity (got '{Scaling}')"),
        };
        var stageSteps = Arguments.PositiveList("--steps", Steps ?? "2000", "2000 or 3000,3000,4000");
        var (chebyshevFrom, chebyshevDegree) = ChebyshevStages();
        return new SingularityOptions
        {
            Weights = new ProfileWeights(weights[0], weights[1], weights[2], weights[3]),
            Scaling = scaling,
            Branch = branch,
            Stages = stages,
            InitialLambda = lambda0,
            Search = Search,
            SearchSteps = Arguments.Positive("--search-steps", SearchSteps ?? "300"),
            Hidden = Arguments.PositiveList("--hidden", Hidden),
            CorrectionHidden = Arguments.PositiveList("--correction-hidden", CorrectionHidden),
            CorrectionActivation = activation,
            Points = points,
            CorrectionPoints = correctionPoints,
            CorrectionInputScales = kappas,
            CorrectionLengths = lengths,
            AdaptivePoints = Arguments.NonNegative("--adaptive", Adaptive),
            LambdaStages = Arguments.Positive("--lambda-stages", LambdaStages),
            LinearSolver = solver,
            MaxSteps = stageSteps[0],
            StageSteps = stageSteps.Length > 1 ? stageSteps : null,
            ChebyshevFrom = chebyshevFrom,
            ChebyshevDegree = chebyshevDegree,
            Seed = seed,
        }.Validate();
    }

    /// <summary>--chebyshev S:K (S ≥ 2, 1 ≤ K ≤ 2000) or off.</summary>
    private (int? From, int Degree) ChebyshevStages()
    {
        var text = Chebyshev.Trim().ToLowerInvariant();
        if (text == "off") return (null, new SingularityOptions().ChebyshevDegree);
        var parts = text.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from) && from >= 2
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var degree) && degree is >= 1 and <= 2000)
            return (from, degree);
        throw new UsageException($"--chebyshev must be off or S:K with a stage S ≥ 2 and a degree K in 1..2000, e.g. 3:120 (got '{Chebyshev}')");
    }

    /// <summary>The equation named by MODEL; an unknown name is a <see cref="UsageException"/>.</summary>
    public IProfileEquation Equation() => Model.Trim().ToLowerInvariant() switch
    {
        "burgers" => new BurgersProfileEquation(),
        "ccf" => new CcfProfileEquation(),
        _ => throw new UsageException($"unknown model '{Model}'; known: burgers, ccf"),
    };

    /// <summary>True for the analytic search (ccf always; burgers with --method analytic).</summary>
    public bool Analytic => Equation() is CcfProfileEquation || Method.Trim().ToLowerInvariant() switch
    {
        "network" => false,
        "analytic" => true,
        _ => throw new UsageException($"--method must be network or analytic (got '{Method}')"),
    };

    /// <summary>The checked options of the analytic search.</summary>
    public AnalyticSingularityOptions ToAnalyticOptions()
    {
        var equation = Equation();
        int branch = Arguments.NonNegative("--branch", Branch);
        int? stages = Stages is null ? null : Arguments.Positive("--stages", Stages);
        if (stages > 5) throw new UsageException($"--stages must be in 1..5 (got '{Stages}')");
        Arguments.Positive("--threads", Threads);
        if (Out is not null && !Out.EndsWith(".h5", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--out must name an .h5 file (got '{Out}')");
        // Options not given take the equation's defaults for the branch (AnalyticPresets).
        if (Steps?.Contains(',') == true)
            throw new UsageException($"--steps takes one count for the analytic search (got '{Steps}'); per-stage counts are for networks");
        return ToAnalyticOptions(equation, branch, stages, Lambda(), Steps is null ? null : Arguments.Positive("--steps", Steps),
            SearchSteps is null ? null : Arguments.Positive("--search-steps", SearchSteps));
    }

    private double? Lambda()
    {
        if (Lambda0 is null) return null;
        if (!double.TryParse(Lambda0, NumberStyles.Float, CultureInfo.InvariantCulture, out var l) || !(l > 0 && l < 10))
            throw new UsageException($"--lambda0 must be a number in (0, 10) (got '{Lambda0}')");
        return l;
    }

    private static double[] PositiveNumbers(string option, string text)
    {
        var values = text.Split(',', StringSplitOptions.TrimEntries)
            .Select(w => double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v : double.NaN).ToArray();
        if (values.Length == 0 || values.Any(double.IsNaN))
            throw new UsageException($"{option} must be positive numbers separated by commas (got '{text}')");
        return values;
    }
}
