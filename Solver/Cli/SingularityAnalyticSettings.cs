using System.ComponentModel;
using Pinn.Solver.Singularity;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>The options of <c>pinn singularity MODEL</c> that the analytic search reads (<c>ccf</c>, and <c>burgers --method analytic</c>).</summary>
public class SingularityAnalyticSettings : CommandSettings
{
    /// <summary>Far-field powers per stage.</summary>
    [CommandOption("--powers <J>")]
    [Description("Analytic ansatz: far-field powers J of each stage's basis u^((j-λ)/(1+λ)), the last repeats (default 3,4; CCF branch 1: 4, after a 3:40:0.3 --start-basis).")]
    public string? Powers { get; init; }

    /// <summary>Cayley modes per stage.</summary>
    [CommandOption("--modes <K>")]
    [Description("Analytic ansatz: Cayley modes K of each stage's basis ζ^k, the last repeats (default 32,32; CCF branch 1: 120).")]
    public string? Modes { get; init; }

    /// <summary>Length of the basis.</summary>
    [CommandOption("--length <L>")]
    [Description("Analytic ansatz: length L of u = 1/(1 - iy/L) (default 1; CCF branch 1: 0.3).")]
    public string? Length { get; init; }

    /// <summary>Modes of the far-power families per stage.</summary>
    [CommandOption("--far-modes <KF>")]
    [Description("Analytic ansatz: Cayley modes K_f of each far-power family u^((j-λ)/(1+λ)) ζ^k per stage, the last repeats (default: --modes; CCF branch 1: 64).")]
    public string? FarModes { get; init; }

    /// <summary>Length of the far-power families.</summary>
    [CommandOption("--far-length <LF>")]
    [Description("Analytic ansatz: length L_f of the far-power families' map (default: --length; CCF branch 1: 70); a long L_f resolves the far field, a short --length the origin.")]
    public string? FarLength { get; init; }

    /// <summary>The local family.</summary>
    [CommandOption("--local <YD:DELTA:K>")]
    [Description("Analytic ansatz: add the local Möbius family (z_d^k - 1) + mirror, z_d = (y - YD - iDELTA)/(y - YD + iDELTA), k = 1..K, to every basis (a sharp feature at ±YD of width DELTA), and N/2 collocation points around YD; 'off' for none (CCF branch 1: 0.6:0.1:60).")]
    public string? Local { get; init; }

    /// <summary>Weight of the constant-at-infinity row.</summary>
    [CommandOption("--infinity-weight <W>")]
    [Description("Analytic ansatz: weight of the row Σ c_k over the regular family (its constant at infinity, which the profile cannot hold); 0 leaves it out (default 0; CCF branch 1: 1).")]
    public string? InfinityWeight { get; init; }

    /// <summary>The regular family.</summary>
    [CommandOption("--regular <WHEN>")]
    [Description("Analytic ansatz: add the regular family ζ^k (the part analytic at infinity) to every basis: auto (nonlocal equations, the default), on, off.")]
    public string Regular { get; init; } = "auto";

    /// <summary>Collocation points of the analytic search.</summary>
    [CommandOption("--analytic-points <N>")]
    [Description("Analytic ansatz: collocation points on y > 0, half uniform in the Cayley angle, half Chebyshev in t (default 400; CCF branch 1: 1400).")]
    public string? AnalyticPoints { get; init; }

    /// <summary>Ridge.</summary>
    [CommandOption("--ridge <ETA>")]
    [Description("Analytic ansatz: Tikhonov rows η·c on each stage's coefficients (default 0; CCF branch 1: 1e-9).")]
    public string? Ridge { get; init; }

    /// <summary>Origin weight.</summary>
    [CommandOption("--origin-weight <W>")]
    [Description("Analytic ansatz: weight of R's Taylor coefficient at 0 in the joint fits (default 1).")]
    public string? OriginWeight { get; init; }

    /// <summary>No λ search.</summary>
    [CommandOption("--no-search")]
    [Description("Analytic ansatz: skip the secant search for λ and train λ jointly from --lambda0.")]
    public bool NoSearch { get; init; }

    /// <summary>Fixed-λ start steps.</summary>
    [CommandOption("--start-steps <N>")]
    [Description("Analytic ansatz: N Levenberg-Marquardt steps at the fixed λ0 (origin row off), a start in the basin of the profile whose λ is near λ0 (default 0; CCF branch 1: 400, λ0 0.6). With the search, every indicator value comes from the start and all stages fitted at that fixed λ (the staged search); with --no-search stage 1 then trains λ.")]
    public string? StartSteps { get; init; }

    /// <summary>The start's basis.</summary>
    [CommandOption("--start-basis <J:K:L>")]
    [Description("Analytic ansatz: the basis of the fixed-λ start and of stage 1 (J far powers, K modes, length L, with the regular family when on); stages 2, 3, … use --powers/--modes/--far-modes/--far-length/--local; 'off': stage 1 uses them too.")]
    public string? StartBasis { get; init; }

    /// <summary>The start's ridge.</summary>
    [CommandOption("--start-ridge <ETA>")]
    [Description("Analytic ansatz: η of the fixed-λ start's Tikhonov rows (default: --ridge; CCF branch 1: 1e-5, which keeps the start's coefficients small enough that their round-off stays below 1e-10).")]
    public string? StartRidge { get; init; }

    /// <summary>Far collocation points.</summary>
    [CommandOption("--far-points <N>")]
    [Description("Analytic ansatz: N more collocation points log-uniform in y from 10·L_f to 1e9 (default 0; CCF branch 1: 200).")]
    public string? FarPoints { get; init; }

    /// <summary>The refinement stages.</summary>
    [CommandOption("--refine <LIST>")]
    [Description("Analytic ansatz: stages fitted after the search at the λ found (held), with the origin row and no origin emphasis, each 'main' (the main basis) or J:K:KF:L (J far powers with KF modes and K regular modes, all at length L, no local family), comma-separated; 'off': none (CCF branch 1: 4:40:64:100,4:40:64:1000,main,4:40:64:100).")]
    public string? Refine { get; init; }

    /// <summary>Patience of a stage.</summary>
    [CommandOption("--patience <N>")]
    [Description("Analytic ansatz: a stage stops when its loss has not fallen by 0.1 % in N steps (default 20; CCF branch 1: 50).")]
    public string? Patience { get; init; }

    /// <summary>Origin emphasis.</summary>
    [CommandOption("--origin-emphasis <WHEN>")]
    [Description("Analytic ansatz: multiply the collocation rows by (1+y²)/y², i.e. fit R/y² near 0 (on, off; default off).")]
    public string? OriginEmphasis { get; init; }

    /// <summary>Normalisation point after the start.</summary>
    [CommandOption("--normalise-at <Y0>")]
    [Description("Analytic ansatz, with --start-steps: after the fixed-λ start, normalise by f(Y0) = the start's value instead of at the origin ('off': keep the origin normalisation; CCF branch 1: 1).")]
    public string? NormaliseAt { get; init; }

    /// <summary>A continuation scan of the smoothness indicator.</summary>
    [CommandOption("--scan <FROM:TO:STEP>")]
    [Description("Analytic ansatz: instead of the search, fit at fixed λ = FROM, FROM+STEP, … up to TO, each fit started from the previous one, and print R's origin coefficient (zero at an admissible λ) with each fit's loss, e.g. 1.3:1.1:-0.02. Use with --ridge when the fits drift.")]
    public string? Scan { get; init; }

    /// <summary>The λ values of <see cref="Scan"/> (null without it); a malformed or too long scan is a <see cref="UsageException"/>.</summary>
    public IReadOnlyList<double>? ScanLambdas()
    {
        if (Scan is null) return null;
        var parts = Numbers(Scan.Split(':', StringSplitOptions.TrimEntries));
        if (parts.Length != 3 || parts.Any(double.IsNaN) || !(parts[0] > 0 && parts[0] < 10 && parts[1] > 0 && parts[1] < 10) || parts[2] == 0
            || Math.Sign(parts[1] - parts[0]) * Math.Sign(parts[2]) < 0)
            throw new UsageException($"--scan must be FROM:TO:STEP with FROM and TO in (0, 10) and STEP ≠ 0 pointing from FROM to TO, e.g. 1.3:1.1:-0.02 (got '{Scan}')");
        int count = (int)Math.Floor((parts[1] - parts[0]) / parts[2] + 1e-9) + 1;
        if (count > 500) throw new UsageException($"--scan would run {count} fits; at most 500 (use a larger STEP)");
        return Enumerable.Range(0, count).Select(k => Math.Round(parts[0] + k * parts[2], 12)).ToArray();
    }

    /// <summary>
    /// The analytic options from the shared values: the equation's defaults for the branch (<see cref="AnalyticPresets"/>),
    /// each given option replacing its default (null: not given).
    /// </summary>
    public AnalyticSingularityOptions ToAnalyticOptions(IProfileEquation equation, int branch, int? stages, double? lambda0, int? steps, int? searchSteps)
    {
        if (branch >= equation.Branches) throw new UsageException($"--branch must be in 0..{equation.Branches - 1} for {equation.Name} (got {branch})");
        var d = AnalyticPresets.For(equation, branch);
        double length = Length is null ? d.Length : Arguments.NonNegativeNumber("--length", Length);
        if (length == 0) throw new UsageException($"--length must be positive (got '{Length}')");
        var powers = Powers is null ? d.Powers : Arguments.PositiveList("--powers", Powers);
        var modes = Modes is null ? d.Modes : Arguments.PositiveList("--modes", Modes);
        if (powers.Any(p => p > 64) || modes.Any(k => k > 512)) throw new UsageException("--powers must be at most 64 and --modes at most 512");
        int points = AnalyticPoints is null ? d.Points : Arguments.Positive("--analytic-points", AnalyticPoints);
        if (points < 8) throw new UsageException($"--analytic-points must be at least 8 (got '{AnalyticPoints}')");
        bool? regular = Regular.Trim().ToLowerInvariant() switch
        {
            "auto" => null,
            "on" => true,
            "off" => false,
            _ => throw new UsageException($"--regular must be auto, on or off (got '{Regular}')"),
        };
        int[]? farModes = FarModes is null ? d.FarModes : Arguments.PositiveList("--far-modes", FarModes);
        if (farModes?.Any(k => k > 512) == true) throw new UsageException("--far-modes must be at most 512");
        double? farLength = FarLength is null ? d.FarLength : Arguments.NonNegativeNumber("--far-length", FarLength);
        if (farLength == 0) throw new UsageException($"--far-length must be positive (got '{FarLength}')");
        var weights = new AnalyticProfileWeights(d.Weights.Conditions,
            OriginWeight is null ? d.Weights.Origin : Arguments.NonNegativeNumber("--origin-weight", OriginWeight),
            Ridge is null ? d.Weights.Ridge : Arguments.NonNegativeNumber("--ridge", Ridge),
            InfinityWeight is null ? d.Weights.Infinity : Arguments.NonNegativeNumber("--infinity-weight", InfinityWeight),
            OriginEmphasis is null ? d.Weights.OriginEmphasis : OnOff("--origin-emphasis", OriginEmphasis));
        return (d with
        {
            FarModes = farModes, FarLength = farLength, Local = Local is null ? d.Local : ParseLocal(Local),
            Regular = regular ?? equation.Nonlocal,
            Branch = branch, Stages = stages ?? d.Stages, Powers = powers, Modes = modes, Length = length, Points = points,
            InitialLambda = lambda0 ?? d.InitialLambda, Search = d.Search && !NoSearch,
            StartSteps = StartSteps is null ? d.StartSteps : Arguments.NonNegative("--start-steps", StartSteps),
            OuterNormalisation = NormaliseAt is null ? d.OuterNormalisation
                : NormaliseAt.Trim().Equals("off", StringComparison.OrdinalIgnoreCase) ? null : PositiveNumber("--normalise-at", NormaliseAt),
            Patience = Patience is null ? d.Patience : Arguments.Positive("--patience", Patience),
            StartBasis = StartBasis is null ? d.StartBasis : ParseStartBasis(StartBasis, regular ?? equation.Nonlocal),
            MaxSteps = steps ?? d.MaxSteps, SearchSteps = searchSteps ?? d.SearchSteps, Weights = weights,
            StartRidge = StartRidge is null ? d.StartRidge : Arguments.NonNegativeNumber("--start-ridge", StartRidge),
            FarPoints = FarPoints is null ? d.FarPoints : Arguments.NonNegative("--far-points", FarPoints) is var fp && fp <= 100_000 ? fp
                : throw new UsageException($"--far-points must be at most 100000 (got '{FarPoints}')"),
            Refinements = Refine is null ? d.Refinements : ParseRefinements(Refine, regular ?? equation.Nonlocal),
        }).Validate(equation);
    }

    /// <summary>The basis of <c>--start-basis J:K:L</c> (null for 'off').</summary>
    public static AnalyticProfileBasis? ParseStartBasis(string text, bool regular)
    {
        if (text.Trim().Equals("off", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        bool ok = parts.Length == 3 && int.TryParse(parts[0], out int j) && int.TryParse(parts[1], out int k)
            && double.TryParse(parts[2], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double l);
        if (!ok || !(int.Parse(parts[0]) is >= 1 and <= 64) || !(int.Parse(parts[1]) is >= 1 and <= 512)
            || !(double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) is var length && length > 0 && double.IsFinite(length)))
            throw new UsageException($"--start-basis must be J:K:L with J in 1..64, K in 1..512 and L > 0, e.g. 3:40:0.3, or off (got '{text}')");
        return new AnalyticProfileBasis(int.Parse(parts[0]), int.Parse(parts[1]), double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), regular);
    }

    /// <summary>The bases of <c>--refine</c> (null entries: the main basis; null for 'off'); a malformed value is a <see cref="UsageException"/>.</summary>
    public static AnalyticProfileBasis?[]? ParseRefinements(string text, bool regular)
    {
        if (text.Trim().Equals("off", StringComparison.OrdinalIgnoreCase)) return null;
        var entries = text.Split(',', StringSplitOptions.TrimEntries);
        if (entries.Length > 5) throw new UsageException($"--refine takes at most 5 stages (got {entries.Length})");
        return entries.Select(e => e.Equals("main", StringComparison.OrdinalIgnoreCase) ? null : ParseLongBasis(e, text, regular)).ToArray();
    }

    private static AnalyticProfileBasis ParseLongBasis(string entry, string text, bool regular)
    {
        var parts = entry.Split(':', StringSplitOptions.TrimEntries);
        var n = Numbers(parts);
        static bool Count(double v, int max) => v >= 1 && v <= max && v == Math.Floor(v);
        if (parts.Length != 4 || !Count(n[0], 64) || !Count(n[1], 512) || !Count(n[2], 512) || !(n[3] > 0))
            throw new UsageException($"--refine must be a comma-separated list of 'main' or J:K:KF:L (J in 1..64, K and KF in 1..512, L > 0), e.g. main,4:40:64:1000, or off (got '{text}')");
        return new AnalyticProfileBasis((int)n[0], (int)n[1], n[3], regular, (int)n[2], n[3]);
    }

    /// <summary>Each part as an invariant-culture finite number, NaN where it is not one.</summary>
    private static double[] Numbers(string[] parts) => parts.Select(w => double.TryParse(w, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : double.NaN).ToArray();

    private static bool OnOff(string option, string text) => text.Trim().ToLowerInvariant() switch
    {
        "on" => true,
        "off" => false,
        _ => throw new UsageException($"{option} must be on or off (got '{text}')"),
    };

    private static double PositiveNumber(string option, string text) =>
        Arguments.NonNegativeNumber(option, text) is var v && v > 0 ? v : throw new UsageException($"{option} must be positive (got '{text}')");

    /// <summary>The local family of <c>--local YD:DELTA:K</c> (null for none or 'off'); a malformed value is a <see cref="UsageException"/>.</summary>
    public static AnalyticLocalFamily? ParseLocal(string? text)
    {
        if (text is null || text.Trim().Equals("off", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        var numbers = Numbers(parts);
        if (parts.Length != 3 || !(numbers[0] > 0) || !(numbers[1] > 0) || !(numbers[2] >= 1 && numbers[2] <= 512 && numbers[2] == Math.Floor(numbers[2])))
            throw new UsageException($"--local must be YD:DELTA:K with YD > 0, DELTA > 0 and K an integer in 1..512, e.g. 0.175:0.03:60, or off (got '{text}')");
        return new AnalyticLocalFamily(numbers[0], numbers[1], (int)numbers[2]);
    }
}
