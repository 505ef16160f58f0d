namespace Pinn.Solver.Cli;

/// <summary>
/// What a plan is for: a <c>study</c> (the problem and the varied keys) or a <c>bench</c> suite (its name and budget),
/// the folder its tables go to (relative to the plan file) and the command that wrote it.
/// </summary>
public sealed record PlanHeader(string Kind, string Out, string Command)
{
    /// <summary>The kinds of plan.</summary>
    public const string Study = "study", Bench = "bench";

    /// <summary>Study: the problem.</summary>
    public string? Problem { get; init; }
    /// <summary>Study: the varied keys, outermost first.</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];
    /// <summary>Bench: the suite.</summary>
    public string? Suite { get; init; }
    /// <summary>Bench: the budget per case in seconds.</summary>
    public double Budget { get; init; }
}
