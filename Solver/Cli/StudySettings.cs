using System.ComponentModel;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>Arguments of <c>pinn study</c>.</summary>
public sealed class StudySettings : CommandSettings
{
    /// <summary>Problem name.</summary>
    [CommandArgument(0, "<PROBLEM>")]
    [Description("Problem name (see 'pinn list').")]
    public string Problem { get; init; } = "";

    /// <summary>The varied quantity and its values.</summary>
    [CommandOption("--vary <KEY=V1,V2,...>")]
    [Description("What to vary: width=8,16,32 | depth=1,2,3 | points=100,400,1600 | boundary-points=.. | seed=0,1,2 | optimizer=adam:1000;lbfgs:1000 (';' between optimizer values).")]
    public string Vary { get; init; } = "";

    /// <summary>Optimizer sequence.</summary>
    [CommandOption("-o|--optimizer <SPEC>")]
    [Description("Optimizer sequence for every run (default adam:1000,lbfgs:1000).")]
    public string Optimizer { get; init; } = "adam:1000,lbfgs:1000";

    /// <summary>Base hidden widths.</summary>
    [CommandOption("--hidden <WIDTHS>")]
    [Description("Hidden widths when not varied (default: the problem's).")]
    public string? Hidden { get; init; }

    /// <summary>Interior points.</summary>
    [CommandOption("--points <N>")]
    [Description("Interior points when not varied (default: the problem's).")]
    public string? Points { get; init; }

    /// <summary>Boundary points.</summary>
    [CommandOption("--boundary-points <N>")]
    [Description("Boundary and initial points when not varied (default: the problem's).")]
    public string? BoundaryPoints { get; init; }

    /// <summary>Sampling of the interior points.</summary>
    [CommandOption("--sampling <METHOD>")]
    [Description("Interior points as a grid, halton or uniform (as in 'pinn solve').")]
    public string? Sampling { get; init; }

    /// <summary>Hard-constrained form.</summary>
    [CommandOption("--hard")]
    [Description("Every run uses the problem's hard-constrained form (as 'pinn solve --hard').")]
    public bool Hard { get; init; }

    /// <summary>Periodic embedding.</summary>
    [CommandOption("--periodic")]
    [Description("Every run embeds the periodic coordinate (as 'pinn solve --periodic').")]
    public bool Periodic { get; init; }

    /// <summary>Fourier features.</summary>
    [CommandOption("--fourier-features <SIGMA>")]
    [Description("SIGMA[[:COUNT]]: every run uses random Fourier features (as 'pinn solve --fourier-features').")]
    public string? FourierFeatures { get; init; }

    /// <summary>Seed.</summary>
    [CommandOption("--seed <S>")]
    [Description("Seed when not varied (default 0).")]
    public string Seed { get; init; } = "0";

    /// <summary>Threads.</summary>
    [CommandOption("--threads <N>")]
    [Description("Torch threads (default 1).")]
    public string Threads { get; init; } = "1";

    /// <summary>Causal weighting.</summary>
    [CommandOption("--causal <SPEC>")]
    [Description("Causal training EPS[[:CHUNKS[[:EVERY]]]] for every run, as in 'pinn solve --causal'.")]
    public string? Causal { get; init; }

    /// <summary>Output directory.</summary>
    [CommandOption("--out <DIR>")]
    [Description("Directory for study.md, study.csv and the figure (default study-PROBLEM-KEY).")]
    public string? Out { get; init; }

    /// <summary>JSON output.</summary>
    [CommandOption("--json")]
    [Description("Print the table as one JSON object as the last line of stdout.")]
    public bool Json { get; init; }

    /// <summary>No progress.</summary>
    [CommandOption("-q|--quiet")]
    [Description("No progress output on stderr.")]
    public bool Quiet { get; init; }
}
