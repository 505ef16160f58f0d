using System.ComponentModel;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>Arguments of <c>pinn plot</c>.</summary>
public sealed class PlotSettings : CommandSettings
{
    /// <summary>The results file.</summary>
    [CommandArgument(0, "<FILE.h5>")]
    [Description("A results (or checkpoint) file; figures are written next to it as PNG and SVG.")]
    public string File { get; init; } = "";
}
