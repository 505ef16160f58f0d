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
/// §3): stage s + 1 adds ε·y·tₐ·(1 − tₐ)·N(tₐ) with ε = max|R̃| after stage s, tₐ the compact coordinate of y/a and N a
/// network with sine activations whose input is scaled by κ (<see cref="SingularityOptions.CorrectionInputScales"/>).
/// It is trained on the full residual of the sum with earlier stages frozen; the equation is quadratic in U, so that
/// residual is exactly R(U₁) + ε L[U₂] + ε² U₂U₂', the linearised error equation plus its (tiny) quadratic term, and the
/// rows are divided by ε so that every stage trains on O(1) numbers. From <see cref="SingularityOptions.ChebyshevFrom"/> on
/// (stage 2 by default) N is a Chebyshev series in tₐ instead of a network (<see cref="ChebyshevFunction"/>): the stage is then
/// linear in its coefficients up to that O(ε) term and one or a few Levenberg–Marquardt steps solve it, where a third network
/// stage at ε ~ 1e-11 could stall for hundreds of steps (README, singularity search).
/// <para>
/// A later stage is a sum of components of different lengths a (<see cref="SingularityOptions.CorrectionLengths"/>, default
/// 0.3 and 1) because the linearised operator L[v] = −λv + ((1+λ)y + U)v' + U'v is resonant at both ends of the line. Near
/// y = 0 it is λy v' − (1+λ)v, which annihilates y^{2m+1}, so a residual bump of size ε at y ≈ 0.1–0.2 needs a correction whose
/// factor N is ~10³ε and varies over 1 − t ≲ 10⁻² (the compact coordinate squeezes the origin: 1 − t ≈ q y^{2m}); with a = 0.3
/// that region spans a sizeable part of tₐ, and the best linear fit of the stage-2 rows (measured with the SVD of the Jacobian)
/// drops from 5·10⁻² to 5·10⁻⁵ of the residual. As y → ∞ the envelope y·t is itself the leading homogeneous solution, so
/// R̃ ≈ −t·N'(t) and the far field needs the a = 1 component; one component of either length leaves the other end's
/// residual in place (measured on branch 1, 400 steps per stage: one component per stage, a = 0.3 then 1, ends at 3.8·10⁻¹⁰; two
/// components per stage at 3.3·10⁻¹¹).
/// </para>
/// </remarks>
public sealed class ProfileSolver : IDisposable
{
    private readonly SingularityOptions _options;
    private readonly Action<string> _progress;
    private readonly List<ProfileStage> _stages = [];
    private readonly List<ProfileStage> _dropped = [];

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
            // Fixed-λ solves without the origin row: their residual's Taylor coefficient at y = 0 is B(2mλ − 1), the smoothness
            // obstruction, a continuous signed function of λ that vanishes at the admissible λ.
            var searchOptions = _options with { Weights = _options.Weights with { Origin = 0 } };
            var searchTrainer = new StageTrainer(Ansatz, searchOptions, _progress);
            double Signed(double l)
            {
                var (_, history, _) = searchTrainer.Train([], first, l, fixedLambda: true, _options.SearchSteps, 1);
                using var scope = TorchSharp.torch.NewDisposeScope();
                var coefficient = new ProfileLinearization(Ansatz, [], first, searchOptions.Weights)
                    .OriginCoefficient(TorchSharp.torch.tensor(new[] { l }, dtype: TorchSharp.torch.ScalarType.Float64), null, null).item<double>();
                var max = new ProfileEvaluator(Ansatz, [first]).MaxResidual(_options.ValidationPoints, l).Max;
                _progress($"search: λ = {l:R}: R's Taylor coefficient of order 2m+1 at 0 = {coefficient:E3} (max|R̃| {max:E3}, {history.Count} steps)");
                return coefficient;
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
                var kappa = _options.StageInputScale(s);
                bool chebyshev = _options.IsChebyshevStage(s);
                var components = _options.CorrectionLengths.Select((length, c) => new ProfileComponent(chebyshev
                    ? new ChebyshevFunction(_options.ChebyshevDegree)
                    : new NetworkFunction(CreateNetwork(_options.CorrectionHidden, _options.CorrectionActivation, 0.5 - 1 / kappa, 0.5 + 1 / kappa, 1000 * s + c)), length)).ToList();
                stage = new ProfileStage(components, scale);
                var basis = chebyshev ? $"Chebyshev series of degree {_options.ChebyshevDegree}" : $"input scale κ = {kappa:G4}";
                _progress($"stage {s}: ε = {scale:E3}, lengths a = {string.Join(", ", stage.Lengths)}, {basis} (dominant frequency of R̃ in t: {frequency})");
            }
            var (next, history, stop) = trainer.Train(_stages, stage, lambda, fixedLambda: s > _options.LambdaStages, _options.StepsOf(s), s);
            _stages.Add(stage);
            var check = new ProfileEvaluator(Ansatz, _stages).MaxResidual(_options.ValidationPoints, next);
            double[]? parameters = stage.Parameters().data<double>().ToArray();
            if (s > 1 && !(check.Max < scale))
            {
                // A later stage that does not lower max|R̃| below the ε it was built for is dropped: the profile and λ stay those of
                // the stages before it (measured on Burgers branch 0 with 800 correction points: stage 2 reached 6.4e-14, a third
                // stage's first check 3.9e-13).
                _stages.RemoveAt(_stages.Count - 1);
                _dropped.Add(stage);
                stop += $"; not kept (max|R̃| {check.Max:E3} is not below {scale:E3}, the value before the stage)";
                parameters = null;
                check = new ProfileEvaluator(Ansatz, _stages).MaxResidual(_options.ValidationPoints, lambda);
            }
            else lambda = next;
            _progress($"stage {s} done ({stop}): λ = {lambda:R}, |λ − λ*| = {Math.Abs(lambda - Problem.Lambda):E3}, max|R̃| = {check.Max:E3}, {stageClock.Elapsed.TotalSeconds:F1} s");
            var network = (stage.Components[0].Function as NetworkFunction)?.Network.Options;
            reports.Add(new StageReport(s, network?.Hidden ?? [], network?.Activation ?? _options.CorrectionActivation, scale, frequency,
                history.Count, stageClock.Elapsed.TotalSeconds, lambda, check.Max, stop, history, check.Values,
                parameters, stage.Lengths, _options.StageInputScale(s), stage.Components[0].Function.Description));
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

    private Mlp CreateNetwork(int[] hidden, Activation activation, double lower, double upper, int index) =>
        new(new MlpOptions(1, hidden, 1, activation, Initialization.GlorotNormal, _options.Seed + index), [lower], [upper]);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var component in _stages.Concat(_dropped).SelectMany(s => s.Components)) component.Function.Dispose();
        _stages.Clear();
        _dropped.Clear();
    }
}
