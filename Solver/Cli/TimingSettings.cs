using System.ComponentModel;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>Arguments of <c>pinn timing</c>.</summary>
public sealed class TimingSettings : CommandSettings
{
    /// <summary>Problem name.</summary>
    [CommandArgument(0, "<PROBLEM>")]
    [Description("Problem name (see 'pinn list').")]
    public string Problem { get; init; } = "";

    /// <summary>Hidden widths.</summary>
    [CommandOption("--hidden <WIDTHS>")]
    [Description("Hidden layer widths (default: the problem's).")]
    public string? Hidden { get; init; }

    /// <summary>Repetitions.</summary>
    [CommandOption("--repeat <N>")]
    [Description("Timed repetitions of each part (default 200).")]
    public string Repeat { get; init; } = "200";

    /// <summary>Torch threads.</summary>
    [CommandOption("--threads <N>")]
    [Description("Torch intra-op threads (default 1).")]
    public string Threads { get; init; } = "1";
}
