using System.ComponentModel;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>Arguments of <c>pinn submit</c>.</summary>
public sealed class SubmitSettings : CommandSettings
{
    /// <summary>The plan file.</summary>
    [CommandArgument(0, "<PLAN>")]
    [Description("A plan written by 'pinn study ... --plan FILE' or 'pinn bench ... --plan FILE', on a filesystem the compute nodes share.")]
    public string Plan { get; init; } = "";

    /// <summary>Partition.</summary>
    [CommandOption("--partition <P>")]
    [Description("Slurm partition (default: the cluster's default).")]
    public string? Partition { get; init; }

    /// <summary>Time limit per run.</summary>
    [CommandOption("--time <TIME>")]
    [Description("Time limit of each run, [D-]HH:MM:SS or minutes (default: the partition's). A run still going at the limit gets SIGTERM, checkpoints, and resumes when resubmitted.")]
    public string? Time { get; init; }

    /// <summary>CPUs per run.</summary>
    [CommandOption("--cpus-per-task <C>")]
    [Description("CPUs of each run (default 1; the runs use --threads torch threads, 1 in plans).")]
    public string CpusPerTask { get; init; } = "1";

    /// <summary>Memory per run.</summary>
    [CommandOption("--mem <M>")]
    [Description("Memory of each run, e.g. 2G (default: the cluster's default).")]
    public string? Mem { get; init; }

    /// <summary>Account.</summary>
    [CommandOption("--account <A>")]
    [Description("Slurm account to charge (default: yours).")]
    public string? Account { get; init; }

    /// <summary>Concurrent runs.</summary>
    [CommandOption("--max-parallel <K>")]
    [Description("At most K runs at a time (the array's %K; default: no limit).")]
    public string? MaxParallel { get; init; }

    /// <summary>Only the runs without results.</summary>
    [CommandOption("--only-missing")]
    [Description("Submit only the runs that are not done (missing, incomplete or failed); incomplete ones resume from their checkpoints.")]
    public bool OnlyMissing { get; init; }

    /// <summary>Print instead of submitting.</summary>
    [CommandOption("--dry-run")]
    [Description("Print the sbatch script and submit nothing.")]
    public bool DryRun { get; init; }
}
