using System.Diagnostics;
using Pinn.Problems;
using Pinn.Solver.Networks;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The multi-stage search for a self-similar Burgers blow-up profile and its rate λ: optionally a secant
/// search for λ, then stage 1 (λ trained with the network), then stages 2, 3, … that each fit the remaining
/// error with a new network added to the sum; validation on a dense grid of the compactified line.
/// </summary>
/// <remarks>
/// Multi-stage training after Y. Wang and C.-Y. Lai, "Multi-stage neural networks: Function approximator of
/// machine precision", J. Comput. Phys. 504 (2024), and Wang et al. 2025 ("Discovery of unstable singularities",
/// §3): stage s + 1 adds ε·y·t·(1 − t)·N(t) with ε = max|R̃| after stage s and a network whose input t is scaled by
/// κ = 2π f / σ_w (f the dominant frequency of R̃ in t, σ_w the standard deviation of its first-layer weights),
/// so that its first-layer features oscillate at the residual's frequency. It is trained on the full residual of
/// the sum with earlier stages frozen; the equation is quadratic in U, so that residual is exactly
/// R(U₁) + ε L[U₂] + ε² U₂U₂', the linearised error equation plus its (tiny) quadratic term, and the rows
/// are divided by ε so that every stage trains on O(1) numbers.
/// </remarks>
public sealed class ProfileSolver : IDisposable
{
    private readonly SingularityOptions _options;
    private readonly Action<string> _progress;
    private readonly List<ProfileStage> _stages = [];

    /// <summary>A solver for <paramref name="options"/>; progress lines go to <paramref name="progress"/>.</summary>
    public ProfileSolver(SingularityOptions options, Action<string>? progress = null)
    {
        _options = options.Validate();
        _progress = progress ?? (_ => { });
        Problem = new BurgersProfile(options.Branch);
        Ansatz = new ProfileAnsatz(options.FarPower ?? options.Branch + 1);
    }

    /// <summary>The problem (branch, exact λ and profile).</summary>
    public BurgersProfile Problem { get; }

    /// <summary>The compactification and envelope.</summary>
    public ProfileAnsatz Ansatz { get; }

    /// <summary>Runs the search and every stage.</summary>
    public SingularityResult Run()
    {
        var clock = Stopwatch.StartNew();
        var trainer = new StageTrainer(Ansatz, _options, _progress);
        double lambda = _options.StartLambda;
        var reports = new List<StageReport>();
        var search = new List<(double Lambda, double Value)>();

        var first = new ProfileStage(CreateNetwork(_options.Hidden, _options.Activation, 0, 1, 0), 1);
        if (_options.Search)
        {
            double Signed(double l)
            {
                var (_, history, _) = trainer.Train([], first, l, fixedLambda: true, _options.SearchSteps, 1);
                var (max, signed, _, _) = new ProfileEvaluator(Ansatz, [first]).MaxResidual(_options.ValidationPoints, l);
                _progress($"search: λ = {l:R}: signed max residual {signed:E3} (max {max:E3}, {history.Count} steps)");
                return signed;
            }
            (lambda, search) = LambdaSearch.Find(Signed, lambda, lambda * 1.02, _options.SearchEvaluations, 1e-13);
            _progress($"search: λ = {lambda:R} after {search.Count} solves");
        }

        for (int s = 1; s <= _options.Stages; s++)
        {
            var stageClock = Stopwatch.StartNew();
            ProfileStage stage;
            double frequency = double.NaN, scale = 1;
            if (s == 1)
            {
                stage = first;
            }
            else
            {
                var evaluator = new ProfileEvaluator(Ansatz, _stages);
                scale = evaluator.MaxResidual(_options.ValidationPoints, lambda).Max;
                frequency = evaluator.DominantFrequency(lambda);
                var sigma = Math.Sqrt(2.0 / (1 + _options.CorrectionHidden[0]));
                var kappa = 2 * Math.PI * frequency / sigma;
                stage = new ProfileStage(CreateNetwork(_options.CorrectionHidden, _options.CorrectionActivation, 0.5 - 1 / kappa, 0.5 + 1 / kappa, s), scale);
                _progress($"stage {s}: ε = {scale:E3}, dominant frequency of R̃ in t: {frequency} (input scale κ = {kappa:G4})");
            }
            var (next, history, stop) = trainer.Train(_stages, stage, lambda, fixedLambda: false, _options.MaxSteps, s);
            lambda = next;
            _stages.Add(stage);
            var check = new ProfileEvaluator(Ansatz, _stages).MaxResidual(_options.ValidationPoints, lambda);
            _progress($"stage {s} done ({stop}): λ = {lambda:R}, |λ − λ*| = {Math.Abs(lambda - Problem.Lambda):E3}, max|R̃| = {check.Max:E3}, {stageClock.Elapsed.TotalSeconds:F1} s");
            reports.Add(new StageReport(s, stage.Network.Options.Hidden, stage.Network.Options.Activation, scale, frequency,
                history.Count, stageClock.Elapsed.TotalSeconds, lambda, check.Max, stop, history, check.Values,
                stage.Network.Parameters.data<double>().ToArray()));
        }
        return Finish(lambda, reports, search, clock.Elapsed.TotalSeconds);
    }

    private SingularityResult Finish(double lambda, List<StageReport> reports, List<(double, double)> search, double seconds)
    {
        var evaluator = new ProfileEvaluator(Ansatz, _stages);
        var (max, _, zeta, values) = evaluator.MaxResidual(_options.ValidationPoints, lambda);
        var (_, gridY) = evaluator.ValidationGrid(_options.ValidationPoints, lambda);
        var y = Enumerable.Range(0, 2001).Select(k => -10 + 0.01 * k).ToArray();
        var u = evaluator.Profile(y, lambda);
        var exact = y.Select(Problem.Exact).ToArray();
        var maxError = u.Zip(exact, (a, b) => Math.Abs(a - b)).Max();
        var rawResidual = evaluator.Residual(y, lambda).Max(Math.Abs);
        return new SingularityResult(Problem.Branch, lambda, Problem.Lambda, max, rawResidual, maxError, reports, search,
            seconds, zeta, gridY, values, y, u, exact, Ansatz.FarPower);
    }

    private Mlp CreateNetwork(int[] hidden, Activation activation, double lower, double upper, int stage) =>
        new(new MlpOptions(1, hidden, 1, activation, Initialization.GlorotNormal, _options.Seed + 1000 * stage), [lower], [upper]);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var s in _stages) s.Network.Dispose();
        _stages.Clear();
    }
}
