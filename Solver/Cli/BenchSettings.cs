using System.ComponentModel;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>Arguments of <c>pinn bench</c>.</summary>
public sealed class BenchSettings : CommandSettings
{
    /// <summary>Suite.</summary>
    [CommandOption("--suite <NAME>")]
    [Description("quick (every optimizer on poisson2d and heat1d, 2-64-1; about 10 minutes with --against-torch) or paper (the harder problems).")]
    public string Suite { get; init; } = "quick";

    /// <summary>Budget per case.</summary>
    [CommandOption("--budget <SECONDS>")]
    [Description("Wall-clock training budget per case (default: quick 10, paper 120).")]
    public string? Budget { get; init; }

    /// <summary>Output directory.</summary>
    [CommandOption("--out <DIR>")]
    [Description("Directory for results.md, results.csv, curves.csv, figures and runs/ (default bench-SUITE, or the --plan file's folder).")]
    public string? Out { get; init; }

    /// <summary>Side-by-side run against PyTorch.</summary>
    [CommandOption("--against-torch")]
    [Description("Also run the PyTorch reference (benchmarks/reference) on poisson2d with the same network, points, start and schedule.")]
    public bool AgainstTorch { get; init; }

    /// <summary>Budget of the PyTorch comparison.</summary>
    [CommandOption("--torch-budget <SECONDS>")]
    [Description("Wall-clock budget of each run in the PyTorch comparison (default 90).")]
    public string TorchBudget { get; init; } = "90";

    /// <summary>Only some cases.</summary>
    [CommandOption("--only <TEXT>")]
    [Description("Run only the cases whose problem or optimizer label contains TEXT.")]
    public string? Only { get; init; }

    /// <summary>Write the plan instead of running.</summary>
    [CommandOption("--plan <FILE>")]
    [Description("Write the cases as a plan file and stop (results under --out, default the file's folder); run it with 'pinn run-plan FILE --all' or 'pinn submit FILE', then 'pinn gather FILE'.")]
    public string? Plan { get; init; }

    /// <summary>Checkpoint interval of every case.</summary>
    [CommandOption("--checkpoint-every <N>")]
    [Description("Every case writes a checkpoint every N steps (default 0: only when stopped by a signal); checkpoint time counts against the budget.")]
    public string CheckpointEvery { get; init; } = "0";

    /// <summary>Cases at a time.</summary>
    [CommandOption("--jobs <N>")]
    [Description("Cases at a time on this machine (default 1; more than the free cores distorts the timings).")]
    public string Jobs { get; init; } = "1";

    /// <summary>No progress.</summary>
    [CommandOption("-q|--quiet")]
    [Description("No progress output on stderr.")]
    public bool Quiet { get; init; }
}
