using System.Diagnostics;
using Pinn.Optimizers;
using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The search for a self-similar profile and its rate λ with the analytic ansatz, for any <see cref="IProfileEquation"/>:
/// a secant search for λ on R's origin coefficient of fixed-λ fits, then stage 1 with λ trained, then stages 2, 3, … that
/// each fit the remaining residual with a new basis at its scale ε; validation of max |R̃| on a dense grid of the
/// compactified line.
/// </summary>
/// <remarks>
/// λ is never imposed: it is the root of the smoothness indicator (<see cref="IProfileEquation.OriginCoefficient"/>) found by
/// <see cref="LambdaSearch"/> from the equation's coarse λ₀, then a trained unknown with its own Jacobian column. Each fit is
/// full-Jacobian Levenberg–Marquardt through the SVD of the column-scaled Jacobian (<see cref="SvdLevenbergMarquardt"/>):
/// Wang et al. 2025 ("Discovery of unstable singularities", §3) take their profiles to round-off with Gauss–Newton and a
/// second stage, and Y. Wang and C.-Y. Lai ("Multi-stage neural networks", J. Comput. Phys. 504, 2024) fit each stage's
/// remainder at its own scale.
/// </remarks>
public sealed partial class AnalyticProfileSolver
{
    private readonly IProfileEquation _equation;
    private readonly AnalyticSingularityOptions _options;
    private readonly Action<string> _progress;
    private IReadOnlyList<ProfileCondition>? _conditions;

    /// <summary>A solver for <paramref name="equation"/>; progress lines go to <paramref name="progress"/>.</summary>
    public AnalyticProfileSolver(IProfileEquation equation, AnalyticSingularityOptions options, Action<string>? progress = null)
    {
        _equation = equation;
        _options = options.Validate(equation) with { Regular = options.Regular ?? equation.Nonlocal };
        _progress = progress ?? (_ => { });
    }

    /// <summary>Runs the search and every stage.</summary>
    public AnalyticProfileResult Run()
    {
        var clock = Stopwatch.StartNew();
        double lambda = _options.InitialLambda ?? _equation.StartLambda(_options.Branch);
        var stages = new List<AnalyticStage>();
        var reports = new List<AnalyticStageReport>();
        if (_options.Search && _options.StartSteps > 0) return RunStagedSearch(lambda, clock);
        var first = Guess(_options.StartBasis ?? _options.Basis(1), lambda);
        var search = new List<(double Lambda, double Value)>();
        if (_options.Search) (lambda, first, search) = SearchLambda(first, lambda);
        else if (_options.StartSteps > 0) first = StartAtFixedLambda(first, lambda);
        for (int s = 1; s <= _options.Stages; s++)
        {
            var stageClock = Stopwatch.StartNew();
            var stage = s == 1 ? first : AnalyticStage.Zero(_options.Basis(s), Validate(stages, lambda).Max);
            if (s > 1) _progress($"stage {s}: ε = {stage.Scale:E3}, basis {stage.Basis.Powers}×{stage.Basis.Modes}");
            var fit = Fit(stages, stage, lambda, fixedLambda: false, _options.MaxSteps, _options.Weights, $"stage {s}");
            lambda = fit.Lambda;
            stages.Add(fit.Stage);
            var check = Validate(stages, lambda);
            _progress($"stage {s} done ({fit.Stop}): λ = {lambda:R}, max|R̃| = {check.Max:E3}, {stageClock.Elapsed.TotalSeconds:F1} s");
            reports.Add(new AnalyticStageReport(s, fit.Stage.Basis.Powers, fit.Stage.Basis.Modes, fit.Stage.Scale, fit.History.Count,
                stageClock.Elapsed.TotalSeconds, lambda, check.Max, fit.Stop, fit.History, check.Values, fit.Stage.Coefficients));
        }
        Refine(stages, reports, lambda);
        return AnalyticProfileResult.Create(_equation, _options, lambda, stages, reports, search, clock.Elapsed.TotalSeconds, _options.ValidationPoints);
    }

    /// <summary>The <see cref="AnalyticSingularityOptions.Refinements"/> stages at the held λ, each fitted to what the ones before left.</summary>
    private void Refine(List<AnalyticStage> stages, List<AnalyticStageReport> reports, double lambda)
    {
        foreach (var given in _options.Refinements ?? [])
        {
            var basis = given ?? _options.Basis(_options.Stages);
            var clock = Stopwatch.StartNew();
            int index = stages.Count + 1;
            var start = AnalyticStage.Zero(basis, Validate(stages, lambda).Max);
            _progress($"stage {index} (refinement): ε = {start.Scale:E3}, basis {basis.Powers}×{basis.FarModes} at L_f = {basis.FarLength:R} + {basis.Modes} regular at L = {basis.Length:R}{(basis.Local is null ? "" : " + local")}");
            var fit = Fit(stages, start, lambda, fixedLambda: true, _options.MaxSteps, _options.Weights with { OriginEmphasis = false }, $"stage {index}");
            stages.Add(fit.Stage);
            var check = Validate(stages, lambda);
            _progress($"stage {index} (refinement) done ({fit.Stop}): max|R̃| = {check.Max:E3}, {clock.Elapsed.TotalSeconds:F1} s");
            reports.Add(new AnalyticStageReport(index, basis.Powers, basis.Modes, fit.Stage.Scale, fit.History.Count,
                clock.Elapsed.TotalSeconds, lambda, check.Max, fit.Stop, fit.History, check.Values, fit.Stage.Coefficients));
        }
    }

    /// <summary>max |R̃| on the validation grid and R̃ there.</summary>
    public (double Max, double[] Values) Validate(IReadOnlyList<AnalyticStage> stages, double lambda)
    {
        var (_, y) = ValidationGrid(_options.ValidationPoints, lambda);
        var r = new AnalyticProfile(_equation, stages).ScaledResidual(y, lambda);
        return (r.Max(Math.Abs), r);
    }

    /// <summary>ζₖ = −1 + (2k + 1)/K uniform over (−1, 1) and y(ζ) = sign ζ·((1 − |ζ|)^(−2(1+λ)) − 1)^½.</summary>
    public static (double[] Zeta, double[] Y) ValidationGrid(int count, double lambda)
    {
        var zeta = Enumerable.Range(0, count).Select(k => -1 + (2.0 * k + 1) / count).ToArray();
        return (zeta, zeta.Select(z => Math.Sign(z) * FromCompact(1 - Math.Abs(z), lambda)).ToArray());
    }

    /// <summary>y ≥ 0 with t = (1 + y²)^(−1/(2(1+λ))).</summary>
    public static double FromCompact(double t, double lambda) => Math.Sqrt(Math.Max(Math.Pow(t, -2 * (1 + lambda)) - 1, 0));

    /// <summary>
    /// The collocation points y &gt; 0: half uniform in the Cayley angle (y = L tan(φ/2)), half Chebyshev in t; with a local
    /// family, N/2 more uniform in the angle of its Möbius variable (y = y_d + δ tan θ, θ ∈ (−π/2, π/2)); and
    /// <see cref="AnalyticSingularityOptions.FarPoints"/> log-uniform in y over [10·L_f, 10⁹].
    /// </summary>
    public double[] CollocationPoints(double lambda)
    {
        int half = _options.Points / 2, rest = _options.Points - half;
        var cayley = Enumerable.Range(0, half).Select(k => _options.Length * Math.Tan(0.5 * Math.PI * (k + 0.5) / half));
        var compact = Enumerable.Range(0, rest).Select(k => FromCompact(0.5 * (1 - Math.Cos(Math.PI * (k + 0.5) / rest)), lambda));
        var local = _options.Local is { } d
            ? Enumerable.Range(0, half).Select(k => d.Center + d.Width * Math.Tan(Math.PI * ((k + 0.5) / half - 0.5)))
            : [];
        double farFrom = Math.Log(10 * (_options.FarLength ?? _options.Length)), farTo = Math.Log(1e9);
        var far = Enumerable.Range(0, farFrom < farTo ? _options.FarPoints : 0)
            .Select(k => Math.Exp(farFrom + (farTo - farFrom) * (k + 0.5) / _options.FarPoints));
        return cayley.Concat(compact).Concat(local).Concat(far).Where(y => y > 0 && double.IsFinite(y)).Order().ToArray();
    }

    /// <summary>Stage 1 started from the least-squares projection of the equation's guess F₀ (Re and Im parts) on the basis.</summary>
    public AnalyticStage Guess(AnalyticProfileBasis basis, double lambda) => Project(basis, lambda, y => _equation.Guess(y, lambda, _options.Branch));

    /// <summary>The envelope-weighted least-squares projection of F (Re and Im parts) on the basis at the collocation points.</summary>
    public AnalyticStage Project(AnalyticProfileBasis basis, double lambda, Func<double, System.Numerics.Complex> function)
    {
        var points = CollocationPoints(lambda);
        int n = basis.Count;
        var matrix = new double[2 * points.Length, n];
        var target = new double[2 * points.Length];
        var b = new System.Numerics.Complex[4 * n];
        for (int p = 0; p < points.Length; p++)
        {
            basis.Evaluate(points[p], lambda, b.AsSpan(0, n), b.AsSpan(n, n), b.AsSpan(2 * n, n), b.AsSpan(3 * n, n));
            double w = AnalyticProfile.Weight(points[p], lambda);
            var guess = function(points[p]);
            for (int i = 0; i < n; i++) (matrix[2 * p, i], matrix[2 * p + 1, i]) = (w * b[i].Real, w * b[i].Imaginary);
            (target[2 * p], target[2 * p + 1]) = (w * guess.Real, w * guess.Imaginary);
        }
        using var scope = NewDisposeScope();
        var a = tensor(matrix, dtype: ScalarType.Float64);
        var solution = MinimumNormSolution(a, tensor(target, dtype: ScalarType.Float64), 1e-13);
        return new AnalyticStage(basis, 1, solution.data<double>().ToArray());
    }

    /// <summary>
    /// The minimum-norm least-squares solution of A x ≈ b with singular values below <paramref name="cutoff"/>·σ_max dropped,
    /// from the SVD. Not linalg.lstsq: its default CPU driver (rank-revealing QR, gelsy) returned solutions differing at O(1) from
    /// run to run on these ill-conditioned bases for bitwise-identical A and b (a copy of the same A at another address changed it),
    /// which made `pinn singularity ccf` non-deterministic; the truncated-SVD solution is continuous in the data.
    /// </summary>
    public static Tensor MinimumNormSolution(Tensor a, Tensor b, double cutoff)
    {
        using var scope = NewDisposeScope();
        var (u, sigma, vh) = linalg.svd(a, fullMatrices: false);
        var keep = sigma > sigma.max() * cutoff;
        var inverse = where(keep, 1.0 / sigma.clamp_min(double.Epsilon), zeros_like(sigma));
        return vh.t().mv(inverse * u.t().mv(b)).MoveToOuterDisposeScope();
    }

    private (double Lambda, AnalyticStage Stage, List<(double, double)> Evaluations) SearchLambda(AnalyticStage start, double lambda0)
    {
        var fits = new Dictionary<double, AnalyticStage>();
        double Indicator(double l)
        {
            // Each fit starts from the guess at its own λ (not from the previous fit): the indicator is then a function of λ alone.
            var point = FixedLambdaFit(Guess(start.Basis, l), l, "search");
            fits[l] = point.Stage;
            _progress($"search: λ = {l:R}: R's origin coefficient {point.Indicator:E3} (loss {point.Loss:E3}, {point.Steps} steps)");
            return point.Indicator;
        }
        var (lambda, evaluations) = LambdaSearch.Find(Indicator, lambda0, lambda0 * 1.02, _options.SearchEvaluations, 1e-12);
        _progress($"search: λ = {lambda:R} after {evaluations.Count} fits");
        return (lambda, fits[lambda], evaluations);
    }

    /// <summary>
    /// A coarse fit at the fixed λ₀ (origin row off) before λ is released: at a λ₀ near an unstable profile's λ the residual
    /// is lowest near that profile, whose equation holds there up to O(λ₀ − λ), so the released fit starts in its basin
    /// instead of drifting to the stable class (CCF branch 1 from the generic guess: λ 0.6 → 0.83 without it). The start fits
    /// the envelope-weighted residual (no origin emphasis: from the generic guess it failed with it).
    /// </summary>
    private AnalyticStage StartAtFixedLambda(AnalyticStage start, double lambda)
    {
        var fit = Fit([], start, lambda, fixedLambda: true, _options.StartSteps, StartWeights, "start");
        _progress($"start at fixed λ₀ = {lambda:R}: loss {fit.History[^1].Loss:E3} after {fit.History.Count} steps ({fit.Stop})");
        SetOuterNormalisation(fit.Stage, lambda);
        return fit.Stage;
    }

    /// <summary>The fixed-λ start's weights: origin row off, no origin emphasis, and the start's own ridge when given.</summary>
    private AnalyticProfileWeights StartWeights =>
        _options.Weights with { Origin = 0, OriginEmphasis = false, Ridge = _options.StartRidge ?? _options.Weights.Ridge };

    /// <summary>With <see cref="AnalyticSingularityOptions.OuterNormalisation"/> Y0: the later fits' normalisation becomes f(0) = 0 and
    /// f(Y0) = the start's value there (the scaling symmetry fixed away from the origin).</summary>
    private void SetOuterNormalisation(AnalyticStage start, double lambda)
    {
        if (_options.OuterNormalisation is not { } at) return;
        var profile = new AnalyticProfile(_equation, [start]);
        double value = profile.Part(profile.At(at, lambda).F);
        _conditions = [_equation.Conditions(_options.Branch)[0], new ProfileCondition($"f({at:R}) = {value:R} (the start's)", value, At: at)];
        _progress($"normalisation from here on: f(0) = 0 and f({at:R}) = {value:R}, the start's value");
    }

    /// <summary>
    /// The smoothness indicator along <paramref name="lambdas"/> by continuation: each fixed-λ fit (origin row off) starts
    /// from the previous λ's fit, the first from the equation's guess. It shows where the indicator changes sign and how
    /// well each fit converged, which the secant search (each fit from the guess) does not. With a fixed-λ start
    /// (<see cref="AnalyticSingularityOptions.StartSteps"/> &gt; 0) each point is instead the staged search's fit at that λ (the
    /// start and every stage at fixed λ, from the guess), whose indicator is what that search finds the root of.
    /// </summary>
    public IReadOnlyList<LambdaScanPoint> Scan(IReadOnlyList<double> lambdas)
    {
        var points = new List<LambdaScanPoint>();
        AnalyticStage? previous = null;
        foreach (double l in lambdas)
        {
            if (_options.StartSteps > 0)
            {
                var staged = FixedLambdaStages(l);
                var last = staged.Reports[^1];
                points.Add(new LambdaScanPoint(l, staged.Indicator, last.History[^1].Loss, last.Steps, last.Stop) { Stage = staged.Stages[^1] });
                _progress($"scan: λ = {l:R}: staged indicator {staged.Indicator:E9}, max|R̃| {last.MaxResidual:E3} after {staged.Stages.Count} stages at fixed λ ({last.Stop})");
                continue;
            }
            var point = FixedLambdaFit(previous ?? Guess(_options.Basis(1), l), l, "scan");
            previous = point.Stage;
            points.Add(point);
            _progress($"scan: λ = {l:R}: R's origin coefficient {point.Indicator:E4} (loss {point.Loss:E3}, {point.Steps} steps, {point.Stop})");
        }
        return points;
    }

    /// <summary>A fit at fixed λ with the origin row left out, and R's origin coefficient of the result.</summary>
    private LambdaScanPoint FixedLambdaFit(AnalyticStage start, double lambda, string label)
    {
        var fit = Fit([], start, lambda, fixedLambda: true, _options.SearchSteps, _options.Weights with { Origin = 0 }, label);
        return new LambdaScanPoint(lambda, IndicatorOf([fit.Stage], lambda), fit.History[^1].Loss, fit.History.Count, fit.Stop) { Stage = fit.Stage };
    }

    private (AnalyticStage Stage, double Lambda, List<StageHistoryRow> History, string Stop) Fit(IReadOnlyList<AnalyticStage> frozen,
        AnalyticStage stage, double lambda, bool fixedLambda, int maxSteps, AnalyticProfileWeights weights, string label)
    {
        var objective = new AnalyticProfileObjective(_equation, _options.Branch, frozen, stage, CollocationPoints(lambda), weights, fixedLambda ? lambda : null, _conditions);
        using var theta = fixedLambda ? tensor(stage.Coefficients, dtype: ScalarType.Float64) : tensor([.. stage.Coefficients, lambda], dtype: ScalarType.Float64);
        using var lm = new SvdLevenbergMarquardt();
        var history = new List<StageHistoryRow>();
        var clock = Stopwatch.StartNew();
        double best = double.PositiveInfinity;
        int bestStep = 0;
        string stop = "step limit";
        for (int step = 1; step <= maxSteps; step++)
        {
            StepResult result;
            using (NewDisposeScope()) result = lm.Step(objective, theta);
            double current = objective.Lambda(theta);
            history.Add(new StageHistoryRow(0, step, clock.Elapsed.TotalSeconds, result.Loss, current, lm.Damping, double.NaN));
            if (!fixedLambda && (step == 1 || step % 10 == 0))
                _progress($"{label} step {step}: loss {result.Loss:E3}, λ = {current:R}, μ = {lm.Damping:E2}, cond {lm.ConditionNumber:E1}, rank {lm.NumericalRank}/{objective.ParameterCount}");
            if (result.Stop != StopReason.None)
            {
                stop = $"{result.Stop}: {result.Message}";
                break;
            }
            if (result.Message is null && result.Loss < best * (1 - 1e-3)) (best, bestStep) = (result.Loss, step);
            if (step - bestStep >= _options.Patience)
            {
                stop = $"stalled (loss {best:E3} not lowered by 0.1 % in {_options.Patience} steps)";
                break;
            }
        }
        return (objective.Stage(theta), objective.Lambda(theta), history, stop);
    }
}
