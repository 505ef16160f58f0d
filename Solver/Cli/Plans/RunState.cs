using Pinn.Verification;

namespace Pinn.Solver.Cli;

/// <summary>Where a planned run stands, as found in its files.</summary>
public enum RunProgress
{
    /// <summary>Its results file exists and reads.</summary>
    Done,
    /// <summary>It ran and failed (its status file says so), or its results file is damaged.</summary>
    Failed,
    /// <summary>It started: a checkpoint exists but no results file.</summary>
    Incomplete,
    /// <summary>Nothing of it exists yet.</summary>
    Missing,
}

/// <summary>A planned run's progress, with a one-line detail and, when done, its results.</summary>
public sealed record RunState(PlanEntry Entry, RunProgress Progress, string Detail, RunRecord? Record = null)
{
    /// <summary>
    /// Reads what exists of <paramref name="entry"/>: a status file recording other arguments makes its files stale
    /// (missing); a failed status wins over an older results file; a readable results file is done; a checkpoint
    /// without results is incomplete.
    /// </summary>
    public static RunState Of(RunPlan plan, PlanEntry entry)
    {
        var status = RunStatus.TryRead(plan.Resolve(entry.Status));
        if (status is not null && !status.Arguments.SequenceEqual(entry.Arguments))
            return new(entry, RunProgress.Missing, "its files were written for other arguments (the plan line was edited)");
        if (status is { Outcome: RunStatus.Failed })
            return new(entry, RunProgress.Failed, $"exit {status.ExitCode}: {status.Reason ?? "no reason given"} (log {entry.Log})");
        var results = plan.Resolve(entry.Results);
        if (File.Exists(results))
        {
            try
            {
                return new(entry, RunProgress.Done, entry.Results, ResultsFile.Read(results));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                return new(entry, RunProgress.Failed, $"results file {entry.Results} cannot be read: {e.Message.Split('\n')[0]}");
            }
        }
        var checkpoint = plan.Resolve(entry.Checkpoint);
        if (File.Exists(checkpoint))
        {
            try
            {
                var c = ResultsFile.Read(checkpoint).Checkpoint;
                return new(entry, RunProgress.Incomplete, c is null ? $"{entry.Checkpoint} holds no checkpoint" : $"checkpoint at step {c.Step} ({c.Reason})");
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                return new(entry, RunProgress.Incomplete, $"checkpoint {entry.Checkpoint} cannot be read: {e.Message.Split('\n')[0]}");
            }
        }
        return new(entry, RunProgress.Missing, status is { Outcome: RunStatus.Interrupted } ? "interrupted before its first checkpoint" : "not run yet");
    }

    /// <summary>The state as one line: <c>run 3 (seed=1): incomplete, checkpoint at step 200 (interrupted)</c>.</summary>
    public override string ToString() => $"run {Entry.Index} ({Entry.Label}): {Progress.ToString().ToLowerInvariant()}, {Detail}";
}
