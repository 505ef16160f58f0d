using System.Globalization;

namespace Pinn.Solver.Training;

/// <summary>The outcome of a training run.</summary>
public sealed record TrainingRun(
    string Problem,
    string Optimizer,
    long ParameterCount,
    long ResidualCount,
    long Steps,
    double Seconds,
    double Loss,
    IReadOnlyList<string> TermNames,
    IReadOnlyList<HistoryRow> History,
    IReadOnlyList<PhaseReport> Phases,
    Evaluation Evaluation)
{
    /// <summary>How the run ended.</summary>
    public TrainingOutcome Outcome { get; init; } = TrainingOutcome.Completed;

    /// <summary>One line on why the run stopped early (budget, interruption, failure), or null when it ran its phases.</summary>
    public string? OutcomeReason { get; init; }

    /// <summary>The loss at θ before the first step.</summary>
    public double StartLoss { get; init; } = double.NaN;

    /// <summary>Relative L2 error at the end (NaN without an exact solution).</summary>
    public double RelativeL2 => Evaluation.Errors?.RelativeL2 ?? double.NaN;
    /// <summary>Max abs error at the end (NaN without an exact solution).</summary>
    public double LInfinity => Evaluation.Errors?.LInfinity ?? double.NaN;

    /// <summary>A one-paragraph human summary.</summary>
    public string Report()
    {
        var c = CultureInfo.InvariantCulture;
        var phases = string.Join(", ", Phases.Select(p =>
            $"{p.Optimizer} {p.Steps}/{p.PlannedSteps} steps{(p.StopName is "Completed" ? "" : $" (stopped: {(p.Ended == TrainingOutcome.Completed ? p.Message ?? p.StopName : p.StopName)})")}"));
        var outputs = Evaluation.OutputErrors.Count == 0 ? ""
            : " (" + string.Join(", ", Evaluation.OutputErrors.Select(o => string.Format(c, "{0}: {1:E3}", o.Name, o.Errors.RelativeL2))) + ")";
        return string.Format(c, "{0}: loss {1:E3}, rel. L2 {2:E3}{8}, L∞ {3:E3}, {4} steps in {5:F1} s ({6}); {7} parameters{9}",
            Problem, Loss, RelativeL2, LInfinity, Steps, Seconds, phases, ParameterCount, outputs,
            OutcomeReason is null ? "" : $"; {Outcome}: {OutcomeReason}");
    }
}
