using System.ComponentModel;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>Arguments of <c>pinn gather</c>.</summary>
public sealed class GatherSettings : CommandSettings
{
    /// <summary>The plan file or its folder.</summary>
    [CommandArgument(0, "<PLAN|DIR>")]
    [Description("A plan file, or a folder holding exactly one *.plan file.")]
    public string Plan { get; init; } = "";

    /// <summary>No table on stdout.</summary>
    [CommandOption("-q|--quiet")]
    [Description("Print only the list of runs without results, not the table.")]
    public bool Quiet { get; init; }
}
