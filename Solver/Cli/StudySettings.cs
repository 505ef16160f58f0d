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
    [Description("What to vary: width=8,16,32 | depth=1,2,3 | points=100,400,1600 | boundary-points=.. | seed=0,1,2 | optimizer=adam:1000;lbfgs:1000 (';' between optimizer values). Repeat it to vary several (every combination, the first outermost).")]
    public string[] Vary { get; init; } = [];

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
    [Description("Directory for study.md, study.csv, the figure and runs/ (default study-PROBLEM-KEY, or the --plan file's folder).")]
    public string? Out { get; init; }

    /// <summary>Write the plan instead of running.</summary>
    [CommandOption("--plan <FILE>")]
    [Description("Write the runs as a plan file and stop; run it with 'pinn run-plan FILE --all' or 'pinn submit FILE' (Slurm), then 'pinn gather FILE'.")]
    public string? Plan { get; init; }

    /// <summary>Checkpoint interval of every run.</summary>
    [CommandOption("--checkpoint-every <N>")]
    [Description("Every run writes a checkpoint every N steps (default 0: only when stopped by a signal), so a killed run resumes.")]
    public string CheckpointEvery { get; init; } = "0";

    /// <summary>Runs at a time.</summary>
    [CommandOption("--jobs <N>")]
    [Description("Runs at a time on this machine (default 1; each uses --threads threads).")]
    public string Jobs { get; init; } = "1";

    /// <summary>JSON output.</summary>
    [CommandOption("--json")]
    [Description("Print the table as one JSON object as the last line of stdout.")]
    public bool Json { get; init; }

    /// <summary>No progress.</summary>
    [CommandOption("-q|--quiet")]
    [Description("No progress output on stderr.")]
    public bool Quiet { get; init; }
}
