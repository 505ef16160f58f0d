using Pinn.Solver.Training;
using Pinn.Solver.Cli;
using Pinn.Verification;

namespace Pinn.Solver.Bench;

/// <summary>What one benchmark case reached within its budget.</summary>
public sealed record BenchResult(BenchCase Case, string Command, long Parameters, long Steps, double Seconds, double Loss,
    double RelativeL2, double TimeTo1e3, IReadOnlyList<(double Seconds, double RelativeL2)> Curve, string? Failure = null)
{
    /// <summary>Milliseconds per step of the first phase when it is Adam (NaN otherwise).</summary>
    public double AdamMsPerStep { get; init; } = double.NaN;

    /// <summary>The result of a finished run; <see cref="TimeTo1e3"/> is the first evaluated time with rel. L2 ≤ 1e-3 (NaN if never).</summary>
    public static BenchResult Of(BenchCase c, string command, TrainingRun run)
    {
        var curve = run.History.Where(h => !double.IsNaN(h.RelativeL2)).Select(h => (h.Seconds, h.RelativeL2)).ToList();
        var adam = run.Phases.Count > 0 && run.Phases[0].Optimizer == "adam" && run.Phases[0].Steps > 0
            ? 1000 * run.Phases[0].Seconds / run.Phases[0].Steps : double.NaN;
        return new BenchResult(c, command, run.ParameterCount, run.Steps, run.Seconds, run.Loss, run.RelativeL2, TimeTo(curve), curve) { AdamMsPerStep = adam };
    }

    /// <summary>The result stored in a finished run's results file (its history gives the curve).</summary>
    public static BenchResult Of(BenchCase c, string command, RunRecord record)
    {
        var h = record.History;
        var curve = Enumerable.Range(0, h.RowCount).Where(i => !double.IsNaN(h.RelativeL2[i])).Select(i => (h.Seconds[i], h.RelativeL2[i])).ToList();
        return new BenchResult(c, command, record.Integer("parameters"), record.Integer("steps"), record.Number("seconds"), record.Number("loss"), record.Number("rel_l2"), TimeTo(curve), curve);
    }

    /// <summary>A case that failed, with the reason.</summary>
    public static BenchResult Failed(BenchCase c, string command, string reason) =>
        new(c, command, 0, 0, 0, double.NaN, double.NaN, double.NaN, [], reason);

    /// <summary>The first recorded time with rel. L2 ≤ 1e-3 (NaN if never).</summary>
    private static double TimeTo(IReadOnlyList<(double Seconds, double RelativeL2)> curve) =>
        curve.Where(p => p.RelativeL2 <= 1e-3).Select(p => p.Seconds).DefaultIfEmpty(double.NaN).First();
}
