using Pinn.Solver.Networks;

namespace Pinn.Solver.Singularity;

/// <summary>Settings of a profile search (<see cref="ProfileSolver"/>); the defaults are those of <c>pinn singularity burgers</c>.</summary>
public sealed record SingularityOptions
{
    /// <summary>Branch i: the profile with λ = 1/(2i+2).</summary>
    public int Branch { get; init; }

    /// <summary>Number of stages (1 = a single network; each further stage fits the remaining error).</summary>
    public int Stages { get; init; } = 2;

    /// <summary>Initial λ (null: 0.9 × the admissible value, e.g. 0.45 on branch 0).</summary>
    public double? InitialLambda { get; init; }

    /// <summary>Hidden widths of the stage-1 network.</summary>
    public int[] Hidden { get; init; } = [16, 16];

    /// <summary>Hidden widths of the networks of later stages.</summary>
    public int[] CorrectionHidden { get; init; } = [16, 16];

    /// <summary>Activation of the stage-1 network.</summary>
    public Activation Activation { get; init; } = Activation.Tanh;

    /// <summary>Activation of later stages (Fourier-type features).</summary>
    public Activation CorrectionActivation { get; init; } = Activation.Sin;

    /// <summary>Collocation points on the half-line y &gt; 0 (the ansatz is odd), Chebyshev in t.</summary>
    public int Points { get; init; } = 100;

    /// <summary>Extra points placed at the largest residuals at each resampling.</summary>
    public int AdaptivePoints { get; init; } = 40;

    /// <summary>Levenberg–Marquardt steps between resamplings.</summary>
    public int ResampleEvery { get; init; } = 100;

    /// <summary>At most this many Levenberg–Marquardt steps per stage.</summary>
    public int MaxSteps { get; init; } = 1500;

    /// <summary>A stage stops when its loss has not fallen below (1 − 1e-3) of its best for this many steps.</summary>
    public int Patience { get; init; } = 150;

    /// <summary>Far-field power m of the compactification (null: branch + 1, which makes the exact profile analytic in t).</summary>
    public int? FarPower { get; init; }

    /// <summary>Weights of the residual-derivative and normalisation rows.</summary>
    public ProfileWeights Weights { get; init; } = new();

    /// <summary>Find λ by a secant search on the signed maximum residual (λ held fixed in each solve) before training it jointly.</summary>
    public bool Search { get; init; }

    /// <summary>Secant/bisection evaluations at most.</summary>
    public int SearchEvaluations { get; init; } = 12;

    /// <summary>Steps of each fixed-λ solve of the search.</summary>
    public int SearchSteps { get; init; } = 300;

    /// <summary>Points of the validation grid, uniform in ζ = sign(y)(1 − t) over (−1, 1).</summary>
    public int ValidationPoints { get; init; } = 20001;

    /// <summary>The damping matrix of Levenberg–Marquardt (diagonal: Marquardt's diag(JᵀJ), which scales λ's column with the network's).</summary>
    public Optimizers.LevenbergMarquardtScaling Scaling { get; init; } = Optimizers.LevenbergMarquardtScaling.Diagonal;

    /// <summary>Seed of the networks' initialisation.</summary>
    public long Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public SingularityOptions Validate()
    {
        if (Branch is < 0 or > 20) throw new ArgumentOutOfRangeException(nameof(Branch), Branch, "the branch must be in 0..20");
        if (Stages is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(Stages), Stages, "the number of stages must be in 1..5");
        if (InitialLambda is { } l && !(l > 0 && l < 10)) throw new ArgumentOutOfRangeException(nameof(InitialLambda), l, "λ₀ must be in (0, 10)");
        if (Hidden.Length == 0 || Hidden.Any(h => h < 1) || CorrectionHidden.Length == 0 || CorrectionHidden.Any(h => h < 1))
            throw new ArgumentOutOfRangeException(nameof(Hidden), "hidden widths must be positive");
        if (Points < 8) throw new ArgumentOutOfRangeException(nameof(Points), Points, "at least 8 collocation points");
        if (AdaptivePoints < 0 || ResampleEvery < 1 || MaxSteps < 1 || Patience < 1 || SearchEvaluations < 2 || SearchSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), "step and point counts must be positive");
        if (ValidationPoints < 10000) throw new ArgumentOutOfRangeException(nameof(ValidationPoints), ValidationPoints, "validate on at least 10 000 points");
        if (FarPower is { } m && m is < 1 or > 50) throw new ArgumentOutOfRangeException(nameof(FarPower), m, "the far-field power must be in 1..50");
        return this;
    }

    /// <summary>The initial λ to use.</summary>
    public double StartLambda => InitialLambda ?? Problems.BurgersProfile.AdmissibleLambda(Branch) * 0.9;
}
