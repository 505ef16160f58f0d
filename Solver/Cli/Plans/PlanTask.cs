using System.Globalization;

namespace Pinn.Solver.Cli;

/// <summary>
/// Runs one line of a plan in this process (what a Slurm array task and every local run call): skips a run that is
/// done, resumes from its checkpoint when there is one written with the same arguments, runs <c>pinn solve</c> with the
/// line's arguments, appends everything it prints to the run's log, and records a status file.
/// </summary>
public static class PlanTask
{
    /// <summary>Runs run <paramref name="index"/> of <paramref name="plan"/>; returns the solve's exit code (0 when already done).</summary>
    public static int Run(RunPlan plan, int index)
    {
        var entry = plan.At(index);
        var folder = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(plan.Directory);   // the plan's paths are relative to its folder
        try
        {
            return Run(plan, entry);
        }
        finally
        {
            Directory.SetCurrentDirectory(folder);
        }
    }

    private static int Run(RunPlan plan, PlanEntry entry)
    {
        int index = entry.Index;
        var state = RunState.Of(plan, entry);
        if (state.Progress == RunProgress.Done)
        {
            Console.Error.WriteLine($"pinn: run {index} ({entry.Label}) is done already: {entry.Results}");
            return ExitCodes.Ok;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(plan.Resolve(entry.Results))!);
        var started = DateTime.UtcNow;
        using var log = new StreamWriter(plan.Resolve(entry.Log), append: true) { AutoFlush = true };
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"=== {started:yyyy-MM-ddTHH:mm:ssZ} run {index} ({entry.Label}) on {Environment.MachineName}{(SlurmJob() is { } job ? $" as Slurm job {job}" : "")}"));
        var arguments = Arguments(plan, entry, log);
        File.Delete(plan.Resolve(entry.Status));
        var (stdout, stderr) = (Console.Out, Console.Error);
        var tee = new TeeWriter(stderr, log);
        Console.SetOut(new TeeWriter(stdout, log));
        Console.SetError(tee);
        int code;
        try
        {
            code = CommandLine.Run(CommandLine.CreateApp(), [.. arguments]);
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
        var outcome = RunStatus.OutcomeOf(code);
        new RunStatus(outcome, code, outcome == RunStatus.Failed ? tee.LastMessage ?? $"pinn solve exited with code {code}" : null, entry.Arguments,
            started.ToString("O", CultureInfo.InvariantCulture), DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            Environment.MachineName, SlurmJob()).Write(plan.Resolve(entry.Status));
        log.WriteLine($"=== {outcome} (exit {code})");
        return code;
    }

    /// <summary>The solve arguments, with <c>--resume-from</c> when a checkpoint of the same arguments exists; other checkpoints are moved aside.</summary>
    private static IReadOnlyList<string> Arguments(RunPlan plan, PlanEntry entry, TextWriter log)
    {
        var checkpoint = plan.Resolve(entry.Checkpoint);
        if (!File.Exists(checkpoint)) return entry.Arguments;
        string? problem = null;
        try
        {
            var c = Checkpoints.Read(checkpoint).Checkpoint!;
            if (c.Arguments.SequenceEqual(entry.Arguments.Skip(1)))
            {
                Say(log, $"pinn: run {entry.Index}: resuming from {entry.Checkpoint} ({c.Reason} checkpoint at step {c.Step})");
                return [.. entry.Arguments, "--resume-from", entry.Checkpoint];
            }
            problem = "was written with other arguments";
        }
        catch (UsageException e)
        {
            problem = $"cannot be read ({e.Message})";
        }
        var aside = checkpoint + (problem.StartsWith("was", StringComparison.Ordinal) ? ".stale" : ".damaged");
        File.Move(checkpoint, aside, overwrite: true);
        Say(log, $"pinn: run {entry.Index}: checkpoint {entry.Checkpoint} {problem}; moved to {Path.GetFileName(aside)}, starting from step 0");
        return entry.Arguments;
    }

    private static void Say(TextWriter log, string line)
    {
        Console.Error.WriteLine(line);
        log.WriteLine(line);
    }

    /// <summary>The Slurm job of this process as ARRAYJOB_TASK (or JOB), null outside Slurm.</summary>
    private static string? SlurmJob()
    {
        var array = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID");
        var task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        return array is not null && task is not null ? $"{array}_{task}" : Environment.GetEnvironmentVariable("SLURM_JOB_ID");
    }
}
