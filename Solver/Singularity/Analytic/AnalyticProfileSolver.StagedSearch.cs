using System.Diagnostics;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The staged secant search (<see cref="AnalyticSingularityOptions.Search"/> with <see cref="AnalyticSingularityOptions.StartSteps"/> &gt; 0):
/// each value of the smoothness indicator comes from every stage fitted at the fixed λ, the start on its coarse basis and the
/// corrections on the rich ones, all with the origin row off.
/// </summary>
/// <remarks>
/// Why (CCF branch 1, measured 2026-12-07): a fit with λ trained keeps λ where it starts, since the residual sees a wrong λ only
/// through the non-smooth local term |y|^p, p − 2 ∝ λ − λ*, near the origin (max|R̃| ≈ 3e-4·|λ − λ*| above the basis' floor of
/// ~1e-7). The indicator λ − 2V'(0) of the staged fixed-λ fit is instead a smooth signed function with slope ≈ 0.46: −5.75e-4 at
/// λ = 0.6045, +5.96e-4 at 0.607, so that a secant step from that bracket lands 6e-6 from the anchor 0.6057337012. Its accuracy
/// is the fit's: it moved by 1.3e-6 when the far-power modes went from 32 to 64 (max|R̃| 8.9e-8 → 3.9e-8, its peak at y ~ 10⁶).
/// The indicator is R's y² coefficient, so a fit pins it only to about its residual near the origin over y² there: with 2 800 points
/// and 128 far modes the fit at the anchor reached max|R̃| 2.1e-8 with an indicator of −1.2e-7 (a root 2.5e-7 away).
/// Later (same day) the fits' floor fell to ~1e-9 (the start's ridge 1e-5 instead of 1e-9: round-off of its 1e5-sized coefficients
/// had been the near-field floor), and stage 2 with origin emphasis (rows R/y² near 0) pinned the indicator: at the anchor it was
/// −1.4e-11, −9.8e-11 and +5e-13 for start ridges 1e-5, 1e-6 and 1e-4 (without emphasis −1.8e-8, +8e-9 and −8e-9), slope 0.47.
/// The stages returned are those of the fit at the λ the search ends on, with λ held at that value, then the
/// <see cref="AnalyticSingularityOptions.Refinements"/> (under that fit's normalisation).
/// </remarks>
public sealed partial class AnalyticProfileSolver
{
    private sealed record StagedFit(double Lambda, double Indicator, List<AnalyticStage> Stages, List<AnalyticStageReport> Reports,
        IReadOnlyList<ProfileCondition>? Conditions);

    private AnalyticProfileResult RunStagedSearch(double lambda0, Stopwatch clock)
    {
        var fits = new Dictionary<double, StagedFit>();
        double Indicator(double l)
        {
            // Each start from the guess at its own λ, not from the nearest fit: with that continuation (measured 2026-12-07) some fits
            // ended at max|R̃| ~1e-6 and one at 4e-3, and the search ended 1.3e-6 from the anchor.
            var fit = FixedLambdaStages(l);
            fits[l] = fit;
            _progress($"search: λ = {l:R}: indicator {fit.Indicator:E6}, max|R̃| {fit.Reports[^1].MaxResidual:E3} after {fit.Stages.Count} stages at fixed λ");
            return fit.Indicator;
        }
        var (lambda, evaluations) = LambdaSearch.Find(Indicator, lambda0, lambda0 * 1.02, _options.SearchEvaluations, 1e-12);
        _progress($"search: λ = {lambda:R} after {evaluations.Count} staged fits");
        var best = fits[lambda];
        // Each start moves the normalisation to its own f(Y0): the refinements keep the chosen fit's, not the last fit's.
        _conditions = best.Conditions;
        Refine(best.Stages, best.Reports, lambda);
        return AnalyticProfileResult.Create(_equation, _options, lambda, best.Stages, best.Reports, evaluations, clock.Elapsed.TotalSeconds, _options.ValidationPoints);
    }

    /// <summary>The start at fixed λ, then stages 2.. at fixed λ (origin row off), and the indicator of their sum.</summary>
    private StagedFit FixedLambdaStages(double lambda)
    {
        var stages = new List<AnalyticStage>();
        var reports = new List<AnalyticStageReport>();
        var noOrigin = _options.Weights with { Origin = 0 };
        // The start fits under the equation's own normalisation, not the one the previous λ's start moved to (before 2026-12-07
        // 05:30 it did, so each indicator value depended on the search's history, not on λ alone).
        _conditions = null;
        for (int s = 1; s <= _options.Stages; s++)
        {
            var clock = Stopwatch.StartNew();
            (AnalyticStage Stage, double Lambda, List<StageHistoryRow> History, string Stop) fit;
            if (s == 1)
            {
                var start = Guess(_options.StartBasis ?? _options.Basis(1), lambda);
                fit = Fit([], start, lambda, fixedLambda: true, _options.StartSteps, StartWeights, "start");
                SetOuterNormalisation(fit.Stage, lambda);
            }
            else
            {
                fit = Fit(stages, AnalyticStage.Zero(_options.Basis(s), Validate(stages, lambda).Max), lambda, fixedLambda: true, _options.MaxSteps, noOrigin, $"stage {s}");
            }
            stages.Add(fit.Stage);
            var check = Validate(stages, lambda);
            reports.Add(new AnalyticStageReport(s, fit.Stage.Basis.Powers, fit.Stage.Basis.Modes, fit.Stage.Scale, fit.History.Count,
                clock.Elapsed.TotalSeconds, lambda, check.Max, fit.Stop, fit.History, check.Values, fit.Stage.Coefficients));
        }
        return new StagedFit(lambda, IndicatorOf(stages, lambda), stages, reports, _conditions);
    }

    /// <summary>The smoothness indicator (R's origin coefficient) of the sum of <paramref name="stages"/>.</summary>
    private double IndicatorOf(IReadOnlyList<AnalyticStage> stages, double lambda)
    {
        var series = new AnalyticProfile(_equation, stages).Series(lambda, _equation.OriginOrder(_options.Branch) + 2).F;
        return _equation.ProfileIsRealPart
            ? _equation.OriginCoefficient(_options.Branch, lambda, series.Real(), series.Imaginary())
            : _equation.OriginCoefficient(_options.Branch, lambda, series.Imaginary(), series.Real());
    }
}
