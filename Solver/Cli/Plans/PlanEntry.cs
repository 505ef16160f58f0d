namespace Pinn.Solver.Cli;

/// <summary>
/// One run of a plan: its labels (what the study varies, or the bench case), its results file and the full
/// <c>pinn solve</c> arguments (command name first, <c>--out</c> naming the results file). Paths are relative to the
/// plan file's folder.
/// </summary>
public sealed record PlanEntry(int Index, IReadOnlyList<KeyValuePair<string, string>> Labels, string Results, IReadOnlyList<string> Arguments)
{
    /// <summary>Options that only say where a run writes and how quietly: left out of <see cref="Command"/>.</summary>
    private static readonly string[] RunnerOptions = ["--out", "--checkpoint-every", "--checkpoint"];

    /// <summary>The labels as <c>key=value key=value</c>.</summary>
    public string Label => string.Join(' ', Labels.Select(l => $"{l.Key}={l.Value}"));

    /// <summary>The label's value for <paramref name="key"/>.</summary>
    public string this[string key] => Labels.FirstOrDefault(l => l.Key == key).Value
        ?? throw new UsageException($"plan run {Index} has no label '{key}'");

    /// <summary>The checkpoint file (what <c>pinn solve</c> derives from the results file).</summary>
    public string Checkpoint => Stem + ".checkpoint.h5";

    /// <summary>The status file written by <c>pinn run-plan</c> after each attempt.</summary>
    public string Status => Stem + ".status.json";

    /// <summary>The run's log (every attempt appended).</summary>
    public string Log => Stem + ".log";

    private string Stem => Path.ChangeExtension(Results, null);

    /// <summary>The command that reproduces the run, without where it writes: <c>pinn solve ...</c>.</summary>
    public string Command => CommandOf(Arguments);

    /// <summary><c>pinn</c> and <paramref name="arguments"/>, shell-quoted, without the options that say where a run writes and how quietly.</summary>
    public static string CommandOf(IReadOnlyList<string> arguments)
    {
        var shown = new List<string>();
        for (int i = 0; i < arguments.Count; i++)
        {
            if (RunnerOptions.Contains(arguments[i])) { i++; continue; }
            if (arguments[i] is "--quiet" or "-q" or "--json") continue;
            shown.Add(arguments[i]);
        }
        return "pinn " + ShellWords.Join(shown);
    }
}
