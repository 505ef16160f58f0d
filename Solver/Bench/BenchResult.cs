using Pinn.Solver.Training;

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
        var hit = curve.FirstOrDefault(p => p.RelativeL2 <= 1e-3);
        var adam = run.Phases.Count > 0 && run.Phases[0].Optimizer == "adam" && run.Phases[0].Steps > 0
            ? 1000 * run.Phases[0].Seconds / run.Phases[0].Steps : double.NaN;
        return new BenchResult(c, command, run.ParameterCount, run.Steps, run.Seconds, run.Loss, run.RelativeL2,
            curve.Any(p => p.RelativeL2 <= 1e-3) ? hit.Seconds : double.NaN, curve) { AdamMsPerStep = adam };
    }
}
