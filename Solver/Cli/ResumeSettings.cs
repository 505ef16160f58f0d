using System.ComponentModel;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>Arguments of <c>pinn resume</c>.</summary>
public sealed class ResumeSettings : CommandSettings
{
    /// <summary>The checkpoint file.</summary>
    [CommandArgument(0, "<CHECKPOINT.h5>")]
    [Description("A checkpoint written by 'pinn solve' (--checkpoint-every, Ctrl-C or divergence).")]
    public string Checkpoint { get; init; } = "";
}
