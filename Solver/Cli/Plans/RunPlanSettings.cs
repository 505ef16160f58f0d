using System.ComponentModel;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>Arguments of <c>pinn run-plan</c>.</summary>
public sealed class RunPlanSettings : CommandSettings
{
    /// <summary>The plan file.</summary>
    [CommandArgument(0, "<PLAN>")]
    [Description("A plan written by 'pinn study ... --plan FILE' or 'pinn bench ... --plan FILE'.")]
    public string Plan { get; init; } = "";

    /// <summary>One run.</summary>
    [CommandOption("--index <I>")]
    [Description("Run line I (0-based) in this process: what a Slurm array task calls. Skips a finished run, resumes from its checkpoint.")]
    public string? Index { get; init; }

    /// <summary>Every run.</summary>
    [CommandOption("--all")]
    [Description("Run every line that is not done, each as 'pinn run-plan PLAN --index I', --jobs at a time.")]
    public bool All { get; init; }

    /// <summary>Runs at a time.</summary>
    [CommandOption("--jobs <N>")]
    [Description("With --all: runs at a time (default 1).")]
    public string Jobs { get; init; } = "1";

    /// <summary>No progress.</summary>
    [CommandOption("-q|--quiet")]
    [Description("With --all: no line per finished run.")]
    public bool Quiet { get; init; }
}
