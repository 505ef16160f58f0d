using System.Diagnostics;
using Pinn.Optimizers;
using Pinn.Solver.Engine;
using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// Trains one stage of a profile with Levenberg–Marquardt on the full residual Jacobian (λ's column
/// included unless λ is held fixed), optionally with adaptive resampling: every few steps the points where |R̃|
/// peaks are added to the fixed Chebyshev points.
/// </summary>
/// <remarks>
/// Full-matrix Gauss–Newton with Levenberg–Marquardt damping in float64, as in Wang et al. 2025 ("Discovery of
/// unstable singularities", §3: the second-order optimizer that takes the profiles to round-off); each step is
/// solved through the SVD of the column-scaled Jacobian (<see cref="SvdLevenbergMarquardt"/>) or, for comparison,
/// the normal equations (<see cref="LevenbergMarquardt"/>). A stage ends when the optimizer
/// stops, after its step limit (<see cref="SingularityOptions.StepsOf"/>), or when the loss has stalled for
/// <see cref="SingularityOptions.Patience"/> steps. It returns the iterate with the smallest max|R̃| on the validation grid
/// among those checked (every <see cref="SingularityOptions.ResampleEvery"/> steps and the last): late in a stage the loss
/// on the collocation points can keep falling while the residual between them grows (measured on Burgers branch 2:
/// max|R̃| 1.8e-12 at step 500, 4.7e-12 at step 800).
/// </remarks>
public sealed class StageTrainer
{
    private readonly ProfileAnsatz _ansatz;
    private readonly SingularityOptions _options;
    private readonly Action<string> _progress;

    /// <summary>A trainer for the given ansatz and settings; progress lines go to <paramref name="progress"/>.</summary>
    public StageTrainer(ProfileAnsatz ansatz, SingularityOptions options, Action<string> progress)
    {
        _ansatz = ansatz;
        _options = options;
        _progress = progress;
    }

    /// <summary>
    /// Trains <paramref name="trainable"/> (its network's parameters updated in place) on top of
    /// <paramref name="frozen"/>, from λ; returns the final λ (unchanged when <paramref name="fixedLambda"/>)
    /// and the history.
    /// </summary>
    public (double Lambda, List<StageHistoryRow> History, string Stop) Train(
        IReadOnlyList<ProfileStage> frozen, ProfileStage trainable, double lambda, bool fixedLambda, int maxSteps, int stageIndex)
    {
        var rows = new ProfileLinearization(_ansatz, frozen, trainable, _options.Weights);
        var basePoints = BasePoints(frozen.Count == 0, trainable, lambda);
        using var objective = new ProfileObjective(rows, trainable.ParameterCount, basePoints, fixedLambda ? lambda : null);
        using var theta = fixedLambda ? trainable.Parameters() : cat([trainable.Parameters(), tensor(new[] { lambda }, dtype: ScalarType.Float64)]);
        using var lm = CreateOptimizer();
        var all = frozen.Append(trainable).ToList();
        var history = new List<StageHistoryRow>();
        var clock = Stopwatch.StartNew();
        double best = double.NaN;
        int bestStep = 0;
        string stop = "step limit";
        var kept = new BestIterate();
        for (int step = 1; step <= maxSteps; step++)
        {
            StepResult result;
            using (var scope = NewDisposeScope()) result = lm.Step(objective, theta);
            double currentLambda = objective.Lambda(theta);
            bool resample = step % _options.ResampleEvery == 0;
            double maxResidual = double.NaN;
            if (resample || step == 1)
            {
                trainable.Load(objective.Network(theta));
                var evaluator = new ProfileEvaluator(_ansatz, all);
                var check = evaluator.MaxResidual(_options.ValidationPoints, currentLambda);
                maxResidual = check.Max;
                kept.Offer(maxResidual, theta, step);
                var at = check.Zeta[Array.FindIndex(check.Values, v => Math.Abs(v) == check.Max)];
                var condition = lm is SvdLevenbergMarquardt svd ? $", cond(JD⁻¹) = {svd.ConditionNumber:E1}, rank {svd.NumericalRank}/{objective.ParameterCount}" : "";
                _progress($"stage {stageIndex} step {step}: loss {result.Loss:E3}, λ = {currentLambda:R}, max|R̃| = {maxResidual:E3} at ζ = {at:F4}, μ = {Damping(lm):E2}{condition}");
                if (resample && _options.AdaptivePoints > 0)
                {
                    objective.SetPoints(basePoints.Concat(evaluator.Peaks(currentLambda, _options.AdaptivePoints)).ToArray());
                    best = double.NaN;   // the loss changed with the points
                }
            }
            history.Add(new StageHistoryRow(stageIndex, step, clock.Elapsed.TotalSeconds, result.Loss, currentLambda, Damping(lm), maxResidual));
            if (result.Stop != StopReason.None)
            {
                stop = $"{result.Stop}: {result.Message}";
                break;
            }
            // After a resampling the loss is that of other points: it becomes the new reference without resetting the
            // patience count, so that resampling alone cannot keep a stalled stage running.
            if (double.IsNaN(best)) best = result.Loss;
            else if (result.Message is null && result.Loss < best * (1 - 1e-3)) (best, bestStep) = (result.Loss, step);
            if (step - bestStep >= _options.Patience)
            {
                stop = $"stalled (loss {best:E3} not lowered by 0.1 % in {_options.Patience} steps)";
                break;
            }
        }
        trainable.Load(objective.Network(theta));
        double last = new ProfileEvaluator(_ansatz, all).MaxResidual(_options.ValidationPoints, objective.Lambda(theta)).Max;
        if (kept.RestoreInto(theta, last))
        {
            stop += $"; kept step {kept.Step} (max|R̃| {kept.Score:E3} < {last:E3} at the end)";
            trainable.Load(objective.Network(theta));
        }
        return (objective.Lambda(theta), history, stop);
    }

    /// <summary>
    /// The fixed collocation points of a stage: stage 1's <see cref="SingularityOptions.Points"/> or a later network stage's
    /// <see cref="SingularityOptions.CorrectionPoints"/> Chebyshev points in t; a stage of Chebyshev series takes
    /// <see cref="SingularityOptions.CorrectionPoints"/> Chebyshev points in each component's own coordinate tₐ, the nodes at which
    /// its series is resolved. (Points Chebyshev in t alone under-sample the component of length a = 0.3 near the origin, where
    /// 1 − tₐ = a^{−2m}(1 − t) to leading order: measured on Burgers branch 2, 400 such points let a series of degree 120 fit
    /// the points while max|R̃| between them rose from 8.3e-10 to 7.0e-9.)
    /// </summary>
    public double[] BasePoints(bool firstStage, ProfileStage trainable, double lambda)
    {
        if (firstStage) return ChebyshevPoints(_options.Points, lambda);
        if (trainable.Components.All(c => c.Function is not ChebyshevFunction)) return ChebyshevPoints(_options.CorrectionPoints, lambda);
        return trainable.Lengths.Distinct().SelectMany(a => ChebyshevPoints(_options.CorrectionPoints, lambda, a)).Order().ToArray();
    }

    /// <summary><paramref name="n"/> Chebyshev points in tₐ ∈ (0, 1) (clustered at y = 0 and at infinity), mapped to y &gt; 0, for length a.</summary>
    public double[] ChebyshevPoints(int n, double lambda, double length = 1)
    {
        return Enumerable.Range(0, n)
            .Select(k => 0.5 * (1 - Math.Cos(Math.PI * (k + 0.5) / n)))
            .Select(t => _ansatz.FromCoordinate(t, lambda, length))
            .Where(y => y > 0 && double.IsFinite(y))
            .ToArray();
    }

    private IOptimizer CreateOptimizer() => _options.LinearSolver switch
    {
        ProfileLinearSolver.Svd => new SvdLevenbergMarquardt(),
        _ => new LevenbergMarquardt(new LevenbergMarquardtOptions { GradientTolerance = 1e-300, StepTolerance = 1e-16, Scaling = _options.Scaling }),
    };

    private static double Damping(IOptimizer optimizer) => optimizer switch
    {
        SvdLevenbergMarquardt svd => svd.Damping,
        LevenbergMarquardt lm => lm.Damping ?? double.NaN,
        _ => double.NaN,
    };
}
