using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pinn.Solver.Cli;

/// <summary>
/// What <c>pinn run-plan</c> records after each attempt at a run, next to its results file: how it ended
/// (<c>done</c>, <c>failed</c>, <c>interrupted</c>), the exit code, the reason of a failure (the run's last <c>pinn:</c>
/// message), the arguments it ran with (so results of an edited plan are not mistaken for the new run's), when, where.
/// </summary>
public sealed record RunStatus(string Outcome, int ExitCode, string? Reason, IReadOnlyList<string> Arguments, string Started, string Finished, string Host, string? SlurmJob)
{
    /// <summary>The outcomes.</summary>
    public const string Done = "done", Failed = "failed", Interrupted = "interrupted";

    /// <summary>The outcome of a <c>pinn solve</c> exit code.</summary>
    public static string OutcomeOf(int exitCode) => exitCode switch
    {
        ExitCodes.Ok => Done,
        ExitCodes.Interrupted or ExitCodes.Terminated or ExitCodes.HungUp => Interrupted,   // SIGINT, SIGTERM, SIGHUP: checkpointed
        _ => Failed,
    };

    /// <summary>Writes the status to <paramref name="path"/> atomically.</summary>
    public void Write(string path) => StudyTable.WriteAtomically(path, new JsonObject
    {
        ["outcome"] = Outcome,
        ["exit_code"] = ExitCode,
        ["reason"] = Reason,
        ["args"] = new JsonArray(Arguments.Select(a => (JsonNode)a).ToArray()),
        ["started"] = Started,
        ["finished"] = Finished,
        ["host"] = Host,
        ["slurm_job"] = SlurmJob,
    }.ToJsonString() + "\n");

    /// <summary>The status at <paramref name="path"/>, or null when there is none or it cannot be read.</summary>
    public static RunStatus? TryRead(string path)
    {
        try
        {
            if (!File.Exists(path) || JsonNode.Parse(File.ReadAllText(path)) is not JsonObject o) return null;
            return new RunStatus(o["outcome"]!.GetValue<string>(), o["exit_code"]!.GetValue<int>(), o["reason"]?.GetValue<string>(),
                o["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray(), o["started"]?.GetValue<string>() ?? "",
                o["finished"]?.GetValue<string>() ?? "", o["host"]?.GetValue<string>() ?? "", o["slurm_job"]?.GetValue<string>());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return null;
        }
    }
}
