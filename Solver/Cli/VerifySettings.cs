using System.ComponentModel;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>Arguments of <c>pinn verify</c>.</summary>
public sealed class VerifySettings : CommandSettings
{
    /// <summary>The results file.</summary>
    [CommandArgument(0, "<FILE.h5>")]
    [Description("A results (or checkpoint) file written by 'pinn solve --out'.")]
    public string File { get; init; } = "";

    /// <summary>Tolerance on the recomputed relative L2 error.</summary>
    [CommandOption("--max-rel-l2 <X>")]
    [Description("Fail when the recomputed relative L2 error exceeds X.")]
    public string? MaxRelativeL2 { get; init; }

    /// <summary>Agreement tolerance.</summary>
    [CommandOption("--agree <TOL>")]
    [Description("Relative tolerance for recorded vs recomputed values (default 1e-10).")]
    public string Agree { get; init; } = "1e-10";

    /// <summary>JSON output.</summary>
    [CommandOption("--json")]
    [Description("Print the norms and checks as one JSON object.")]
    public bool Json { get; init; }
}
