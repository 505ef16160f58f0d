using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Pinn.Solver.Cli;

/// <summary>
/// The sbatch script of a plan: one array task per run, each <c>pinn run-plan PLAN --index $SLURM_ARRAY_TASK_ID</c> as a
/// job step, requeueable, with its log under the plan's folder. Plain text meant to be read and edited.
/// </summary>
public sealed partial record SbatchScript(string JobName, string Array, string Directory, string Plan, IReadOnlyList<string> Program, int CpusPerTask)
{
    /// <summary>Partition, time, memory, account (null: the cluster's defaults).</summary>
    public string? Partition { get; init; }
    /// <inheritdoc cref="Partition"/>
    public string? Time { get; init; }
    /// <inheritdoc cref="Partition"/>
    public string? Mem { get; init; }
    /// <inheritdoc cref="Partition"/>
    public string? Account { get; init; }
    /// <summary>The command that wrote the script.</summary>
    public string Command { get; init; } = "";

    /// <summary>The folder of the task logs, relative to <see cref="Directory"/>.</summary>
    public const string Logs = "logs";

    /// <summary>The script text.</summary>
    public string Text()
    {
        var t = new StringBuilder();
        t.AppendLine("#!/bin/bash");
        t.AppendLine($"# A pinn plan as a Slurm job array: task I runs line I of {Plan}");
        t.AppendLine($"# (pinn run-plan PLAN --index I): it skips a finished run, resumes a checkpointed one, and writes");
        t.AppendLine("# the run's results, checkpoints, status and log next to the plan; SIGTERM (scancel --signal=TERM,");
        t.AppendLine("# preemption, the time limit) makes the run checkpoint and stop, and a requeued task resumes from there.");
        t.AppendLine($"# Written by: {Command}");
        t.AppendLine("# Edit freely, then submit with: sbatch THIS_FILE. The plan's folder and the pinn program below");
        t.AppendLine("# must be on a filesystem that every compute node sees at the same path.");
        t.AppendLine($"#SBATCH --job-name={JobName}");
        t.AppendLine($"#SBATCH --array={Array}");
        t.AppendLine("#SBATCH --ntasks=1");
        t.AppendLine(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={CpusPerTask}"));
        if (Partition is not null) t.AppendLine($"#SBATCH --partition={Partition}");
        if (Time is not null) t.AppendLine($"#SBATCH --time={Time}");
        if (Mem is not null) t.AppendLine($"#SBATCH --mem={Mem}");
        if (Account is not null) t.AppendLine($"#SBATCH --account={Account}");
        t.AppendLine("#SBATCH --requeue");
        t.AppendLine("#SBATCH --open-mode=append");
        t.AppendLine($"#SBATCH --chdir={Directory}");
        t.AppendLine($"#SBATCH --output={Logs}/%x_%A_%a.out");
        t.AppendLine("set -u");
        t.AppendLine("export OMP_NUM_THREADS=1 DOTNET_CLI_TELEMETRY_OPTOUT=1");
        t.AppendLine("echo \"pinn: task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} on $(hostname), restart ${SLURM_RESTART_COUNT:-0}, $(date -u +%FT%TZ)\"");
        t.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"exec srun --ntasks=1 --cpus-per-task={CpusPerTask} {ShellWords.Join(Program)} run-plan {ShellWords.Quote(Plan)} --index \"$SLURM_ARRAY_TASK_ID\""));
        return t.ToString();
    }

    /// <summary>Slurm's array syntax for <paramref name="indices"/> (ranges joined), with <c>%K</c> when <paramref name="maxParallel"/> is set.</summary>
    public static string ArrayOf(IReadOnlyList<int> indices, int? maxParallel)
    {
        var parts = new List<string>();
        for (int i = 0; i < indices.Count;)
        {
            int j = i;
            while (j + 1 < indices.Count && indices[j + 1] == indices[j] + 1) j++;
            parts.Add(j == i ? $"{indices[i]}" : $"{indices[i]}-{indices[j]}");
            i = j + 1;
        }
        return string.Join(',', parts) + (maxParallel is { } k ? $"%{k}" : "");
    }

    /// <summary>Checks a Slurm time limit: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS.</summary>
    public static string CheckTime(string text) => TimePattern().IsMatch(text) ? text
        : throw new UsageException($"--time must be a Slurm time such as 01:30:00, 90 or 2-00:00:00 (got '{text}')");

    /// <summary>Checks a Slurm memory size: a number with an optional K, M, G or T.</summary>
    public static string CheckMem(string text) => MemPattern().IsMatch(text) ? text
        : throw new UsageException($"--mem must be a size such as 2G or 4000M (got '{text}')");

    /// <summary>Checks a Slurm name (partition, account): letters, digits and _ . - (commas between partitions).</summary>
    public static string CheckName(string option, string text) => NamePattern().IsMatch(text) ? text
        : throw new UsageException($"{option} must be a Slurm name of letters, digits, '_', '.' or '-' (got '{text}')");

    [GeneratedRegex(@"^(\d+-\d{1,2}(:\d{2}){0,2}|\d+(:\d{2}){0,2})$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^\d+[KMGT]?$")]
    private static partial Regex MemPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+(,[A-Za-z0-9_.\-]+)*$")]
    private static partial Regex NamePattern();
}
