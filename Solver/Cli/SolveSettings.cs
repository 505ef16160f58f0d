using System.ComponentModel;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>Arguments of <c>pinn solve</c>.</summary>
public sealed class SolveSettings : CommandSettings
{
    /// <summary>Problem name (see <c>pinn list</c>).</summary>
    [CommandArgument(0, "<PROBLEM>")]
    [Description("Problem name (see 'pinn list').")]
    public string Problem { get; init; } = "";

    /// <summary>Optimizer sequence.</summary>
    [CommandOption("-o|--optimizer <SPEC>")]
    [Description("Optimizer sequence NAME[[:STEPS]][[:key=value...]],... (default: the problem's recipe, see 'pinn list'; adam:1000,lbfgs:1000 with --no-recipe).")]
    public string? Optimizer { get; init; }

    /// <summary>Plain defaults instead of the problem's recipe.</summary>
    [CommandOption("--no-recipe")]
    [Description("Do not apply the problem's recipe (the settings 'pinn list' shows for it: network, form, sampling, points, optimizer sequence, budget): plain defaults adam:1000,lbfgs:1000, the problem's network, points and grid. Without it, every recipe option the command line does not give is taken from the recipe; the switches a recipe turns on (--hard, --periodic) are off only with --no-recipe.")]
    public bool NoRecipe { get; init; }

    /// <summary>Hidden widths.</summary>
    [CommandOption("--hidden <WIDTHS>")]
    [Description("Hidden layer widths, comma-separated (default: the recipe's, else the problem's, e.g. 64,64).")]
    public string? Hidden { get; init; }

    /// <summary>Activation.</summary>
    [CommandOption("--activation <NAME>")]
    [Description("tanh (default), sin, softplus or gelu.")]
    public string Activation { get; init; } = "tanh";

    /// <summary>Initialisation.</summary>
    [CommandOption("--init <NAME>")]
    [Description("glorot-normal (default), glorot-uniform or normal.")]
    public string Init { get; init; } = "glorot-normal";

    /// <summary>Hard-constrained form.</summary>
    [CommandOption("--hard")]
    [Description("Use the problem's hard-constrained form u = A + B·N (conditions exact, their terms dropped; see 'pinn list'). Several recipes turn it on; --no-recipe turns it off.")]
    public bool Hard { get; init; }

    /// <summary>Periodic embedding.</summary>
    [CommandOption("--periodic")]
    [Description("Embed the periodic coordinate as (cos, sin) so periodicity is exact and its term is dropped (periodic problems only). The periodic problems' recipes turn it on; --no-recipe turns it off.")]
    public bool Periodic { get; init; }

    /// <summary>Random Fourier features.</summary>
    [CommandOption("--fourier-features <SIGMA>")]
    [Description("SIGMA[[:COUNT]]: random Fourier features cos(2πBx̂), sin(2πBx̂) of the inputs x̂ scaled to -1..1, B ~ N(0, SIGMA²) with COUNT rows (default 64; drawn with --seed).")]
    public string? FourierFeatures { get; init; }

    /// <summary>Sampling of the interior points.</summary>
    [CommandOption("--sampling <METHOD>")]
    [Description("Interior points as a grid (the plain default for most problems), halton (quasi-random) or uniform (random); the count stays --points (default: the recipe's).")]
    public string? Sampling { get; init; }

    /// <summary>Interior points.</summary>
    [CommandOption("--points <N>")]
    [Description("Interior collocation points (default: the recipe's, else the problem's, e.g. 900).")]
    public string? Points { get; init; }

    /// <summary>Boundary/initial points.</summary>
    [CommandOption("--boundary-points <N>")]
    [Description("Boundary and initial points together (default: the problem's, e.g. 120).")]
    public string? BoundaryPoints { get; init; }

    /// <summary>Seed.</summary>
    [CommandOption("--seed <S>")]
    [Description("Seed of the initialisation and of random points (default 0).")]
    public string Seed { get; init; } = "0";

    /// <summary>Device.</summary>
    [CommandOption("--device <DEVICE>")]
    [Description("cpu (default) or cuda (needs a CUDA build of libtorch).")]
    public string Device { get; init; } = "cpu";

    /// <summary>Torch threads.</summary>
    [CommandOption("--threads <N>")]
    [Description("Torch intra-op threads (default 1: usually fastest for small networks).")]
    public string Threads { get; init; } = "1";

    /// <summary>Evaluation interval.</summary>
    [CommandOption("--eval-every <N>")]
    [Description("Evaluate the error every N steps (default 100; 0: only at the end).")]
    public string EvalEvery { get; init; } = "100";

    /// <summary>Evaluation at geometrically growing training times.</summary>
    [CommandOption("--eval-time-ratio <R>")]
    [Description("Also evaluate the error whenever the training time has grown by the factor R > 1 (from 0.05 s on; default 0: off). 'pinn bench' uses 1.1 for its error-against-time curves.")]
    public string EvalTimeRatio { get; init; } = "0";

    /// <summary>Per-term loss weights.</summary>
    [CommandOption("--weight <TERM=W>")]
    [Description("Loss weight of a term, e.g. --weight boundary=10 (repeatable; term names in 'pinn list').")]
    public string[] Weights { get; init; } = [];

    /// <summary>Resampling interval.</summary>
    [CommandOption("--resample-every <N>")]
    [Description("Redraw the collocation points every N steps (default 0: never). Only --sampling uniform gives new points: grid and Halton points are fixed.")]
    public string? ResampleEvery { get; init; }

    /// <summary>Causal weighting.</summary>
    [CommandOption("--causal <SPEC>")]
    [Description("Causal training EPS[[:CHUNKS[[:EVERY]]]] (Wang, Sankaran, Perdikaris 2024): the PDE residual's CHUNKS time chunks (default 32) weighted by exp(-EPS · residual before them), recomputed every EVERY steps (default 1; 50 or so suits L-BFGS), e.g. 1. Time-dependent problems only.")]
    public string? Causal { get; init; }

    /// <summary>Residual-based attention.</summary>
    [CommandOption("--rba <SPEC>")]
    [Description("Residual-based attention VARIANT[[:key=value...]] on the PDE residual: per-point multipliers λ (loss w·mean((λr)²)) updated λ ← min(cap, decay·λ + rate·q) every EVERY steps; VARIANT rba (q = |r|/max|r|, Anagnostopoulos et al. 2024) or vrba (exponential potential, Toscano et al. 2025). Keys: decay (0.999), rate (0.01), cap (none), init (0.1), every (1), phases (all; e.g. 1 or 2-).")]
    public string? Rba { get; init; }

    /// <summary>Adaptive sampling from a pool.</summary>
    [CommandOption("--adaptive <SPEC>")]
    [Description("Draw the PDE points from a pool by their residual: METHOD[[:key=value...]], METHOD rad (redraw all, density |r|^k/mean|r|^k + c, k=1 c=1), rar-d (add points, k=2 c=0) or vrba (density from attention on the pool, k=1 c=0, every 100), Wu et al. 2023 / Toscano et al. 2025. Keys: pool (100000), every (500), k, c, pool-sampling (halton|uniform), add (rar-d; points/10), decay (0.1), rate (0.9) (vrba), grow (1: off), gap (2), max (pool/4), final (last; best: end at the iterate with the lowest pool mean r² among the draws and the last). The batch is --points.")]
    public string? Adaptive { get; init; }

    /// <summary>Results file.</summary>
    [CommandOption("--out <FILE.h5>")]
    [Description("Write results (evaluation, history, network, configuration) to an HDF5 file.")]
    public string? Out { get; init; }

    /// <summary>Wall-clock budget.</summary>
    [CommandOption("--budget <SECONDS>")]
    [Description("Stop after this many seconds of training (default: the recipe's cap, else 0: no limit; evaluation time excluded). No step starts that would likely end past it, judged by the longest of the phase's last 32 steps.")]
    public string? Budget { get; init; }

    /// <summary>Most memory the run may be estimated to need.</summary>
    [CommandOption("--max-memory <SIZE>")]
    [Description("Refuse the run before it starts if it is estimated to need more memory than SIZE (e.g. 16G; default: the machine's or container's memory).")]
    public string? MaxMemory { get; init; }

    /// <summary>Checkpoint interval.</summary>
    [CommandOption("--checkpoint-every <N>")]
    [Description("Write a checkpoint every N steps (default 0: only on Ctrl-C or divergence); continue with 'pinn resume FILE'.")]
    public string CheckpointEvery { get; init; } = "0";

    /// <summary>Checkpoint file.</summary>
    [CommandOption("--checkpoint <FILE.h5>")]
    [Description("Checkpoint file (default: the --out name with .checkpoint.h5, else PROBLEM.checkpoint.h5).")]
    public string? Checkpoint { get; init; }

    /// <summary>Set by <c>pinn resume</c>: the checkpoint to continue from.</summary>
    [CommandOption("--resume-from <FILE.h5>", IsHidden = true)]
    public string? ResumeFrom { get; init; }

    /// <summary>Figures next to the results file.</summary>
    [CommandOption("--plot")]
    [Description("Also write figures (PNG and SVG) next to the --out file, as 'pinn plot' does.")]
    public bool Plot { get; init; }

    /// <summary>JSON summary.</summary>
    [CommandOption("--json")]
    [Description("Print a one-line JSON summary as the last line of stdout.")]
    public bool Json { get; init; }

    /// <summary>No progress output.</summary>
    [CommandOption("-q|--quiet")]
    [Description("No progress output on stderr.")]
    public bool Quiet { get; init; }
}
