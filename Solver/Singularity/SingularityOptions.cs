using Pinn.Solver.Networks;

namespace Pinn.Solver.Singularity;

/// <summary>Settings of a profile search (<see cref="ProfileSolver"/>); the defaults are those of <c>pinn singularity burgers</c>.</summary>
public sealed record SingularityOptions
{
    /// <summary>The highest branch whose default search is measured to reach max|R̃| ≤ 1e-13 and λ error ≤ 1e-14 (2026-12-07; from
    /// branch 6 on stage 2 can move λ along the nearly smooth non-analytic family, README).</summary>
    public const int VerifiedBranch = 5;

    /// <summary>Branch i: the profile with λ = 1/(2i+2).</summary>
    public int Branch { get; init; }

    /// <summary>Number of stages (1 = a single network; each further stage fits the remaining error).</summary>
    public int Stages { get; init; } = 3;

    /// <summary>Initial λ (null: 0.9 × the admissible value, e.g. 0.45 on branch 0).</summary>
    public double? InitialLambda { get; init; }

    /// <summary>Hidden widths of the stage-1 network.</summary>
    public int[] Hidden { get; init; } = [16, 16];

    /// <summary>
    /// λ is trained in stages 1..K and held at their value in later stages. A later stage's rows are divided by its scale ε, so
    /// one unit in the last place of λ (~3e-17 to 1e-16) moves them by ~1e-16/ε: at ε ~ 1e-11 that is ~1e-5 of rows whose
    /// RMS is ~1e-3 late in the stage, the same for every row, and a Levenberg–Marquardt step whose λ change rounds to 0 or 1 ulp
    /// no longer does what the linear model predicts. Measured on Burgers branches 1 and 2 (2026-12-06, λ trained in every stage):
    /// stage 3 lowered max|R̃| steadily (by 10–20 % per 100 steps) until the damping jumped from ~1e-8 to ~1e9 within 100 steps and
    /// the stage ended on the step tolerance at 1.1e-12 and 6.9e-13; λ was then within 3e-16 of its exact value already. Held
    /// after stage 2, the third network stages (<see cref="ChebyshevFrom"/> null) ran their 2 000 steps and reached 1.7e-15, 2.0e-13 and 6.1e-14 on branches 0, 1 and 2.
    /// </summary>
    public int LambdaStages { get; init; } = 2;

    /// <summary>Hidden widths of the networks of later stages.</summary>
    public int[] CorrectionHidden { get; init; } = [16, 16];

    /// <summary>Activation of the stage-1 network.</summary>
    public Activation Activation { get; init; } = Activation.Tanh;

    /// <summary>Activation of later stages (Fourier-type features).</summary>
    public Activation CorrectionActivation { get; init; } = Activation.Sin;

    /// <summary>Collocation points of stage 1 on the half-line y &gt; 0 (the ansatz is odd), Chebyshev in t.</summary>
    public int Points { get; init; } = 200;

    /// <summary>Collocation points of the later stages (Chebyshev in t): about four rows per parameter of their networks.</summary>
    public int CorrectionPoints { get; init; } = 400;

    /// <summary>Input scale κ of stage 2, 3, … (the last repeats): the network's input box is [½ − 1/κ, ½ + 1/κ] in its
    /// coordinate tₐ, so that the first-layer features sin(w·κ(tₐ − ½) + b) vary a few times over tₐ ∈ [0, 1].</summary>
    public double[] CorrectionInputScales { get; init; } = [30, 60];

    /// <summary>The lengths a of the components of every stage after the first: each is a network of the compact coordinate
    /// of y/a, so a length below 1 resolves the residual's structure near the origin, a length of 1 or more the far field
    /// (see <see cref="ProfileSolver"/>).</summary>
    public double[] CorrectionLengths { get; init; } = [0.3, 1];

    /// <summary>Stages from this one on (≥ 2) fit the remaining error with Chebyshev series of <see cref="ChebyshevDegree"/> in each
    /// component's coordinate instead of networks (<see cref="ChebyshevFunction"/>): a linear least-squares fit of the error
    /// equation; null: networks in every stage. Default 2: stage 1's network finds the basin and λ to ~1e-6, the series take the
    /// profile to round-off (measured 2026-12-07 with the defaults, max|R̃| on branches 0–5: 9.9e-16 to 7.4e-14 in 102–180 CPU s,
    /// where three network stages needed ~15–20 CPU minutes for ~1e-13).</summary>
    public int? ChebyshevFrom { get; init; } = 2;

    /// <summary>Degree K of the Chebyshev series of a Chebyshev stage (K + 1 coefficients per component; measured on branch 4, 300
    /// stage-1 steps: degree 120 left max|R̃| at 1.2e-11, degree 200 reached 6.5e-15).</summary>
    public int ChebyshevDegree { get; init; } = 200;

    /// <summary>Extra points placed at the largest residuals at each resampling (measured on Burgers branches 0–2, 2026-12-06: with
    /// 20 points and 2 000 steps a stage, max|R̃| after three stages 1.5e-13, 1.1e-12 and 6.9e-13, against 5.9e-13, 1.8e-12
    /// and 4.7e-12 with none and 800 steps).</summary>
    public int AdaptivePoints { get; init; } = 20;

    /// <summary>Levenberg–Marquardt steps between resamplings.</summary>
    public int ResampleEvery { get; init; } = 100;

    /// <summary>At most this many Levenberg–Marquardt steps per stage (every stage unless <see cref="StageSteps"/> is given).</summary>
    public int MaxSteps { get; init; } = 2000;

    /// <summary>At most this many steps in stage 1, 2, …, the last count repeating for later stages (null: <see cref="MaxSteps"/>
    /// in every stage). A last stage that is still falling at its limit can get more steps without changing the stages before
    /// it, which then end at the same bits.</summary>
    public int[]? StageSteps { get; init; }

    /// <summary>A stage stops when its loss has not fallen below (1 − 1e-3) of its best for this many steps.</summary>
    public int Patience { get; init; } = 150;

    /// <summary>Far-field power m of the compactification (null: branch + 1, which makes the exact profile analytic in t).</summary>
    public int? FarPower { get; init; }

    /// <summary>Weights of the residual-derivative and normalisation rows.</summary>
    public ProfileWeights Weights { get; init; } = new();

    /// <summary>Find λ by a secant search before training it jointly: each evaluation is a solve with λ held fixed and without the
    /// origin row, and its value the fitted residual's Taylor coefficient of order 2m+1 at y = 0 (<see cref="ProfileLinearization.OriginCoefficient"/>).</summary>
    public bool Search { get; init; }

    /// <summary>Secant/bisection evaluations at most.</summary>
    public int SearchEvaluations { get; init; } = 12;

    /// <summary>Steps of each fixed-λ solve of the search.</summary>
    public int SearchSteps { get; init; } = 300;

    /// <summary>Points of the validation grid, uniform in ζ = sign(y)(1 − t) over (−1, 1).</summary>
    public int ValidationPoints { get; init; } = 20001;

    /// <summary>How a Levenberg–Marquardt step is solved: the SVD of the column-scaled Jacobian (default) or the normal equations.</summary>
    public ProfileLinearSolver LinearSolver { get; init; } = ProfileLinearSolver.Svd;

    /// <summary>The damping matrix of the normal-equations solver (diagonal: Marquardt's diag(JᵀJ)); the SVD solver always scales columns.</summary>
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
        if (Points < 8 || CorrectionPoints < 8) throw new ArgumentOutOfRangeException(nameof(Points), Points, "at least 8 collocation points");
        if (CorrectionInputScales.Length == 0 || CorrectionInputScales.Any(k => !(k > 0) || !double.IsFinite(k)))
            throw new ArgumentOutOfRangeException(nameof(CorrectionInputScales), "input scales must be positive and finite");
        if (CorrectionLengths.Length == 0 || CorrectionLengths.Any(a => !(a > 0) || !double.IsFinite(a)))
            throw new ArgumentOutOfRangeException(nameof(CorrectionLengths), "correction lengths must be positive and finite");
        if (ChebyshevFrom is { } from && from < 2) throw new ArgumentOutOfRangeException(nameof(ChebyshevFrom), from, "Chebyshev stages start at stage 2 or later");
        if (ChebyshevDegree is < 1 or > 2000) throw new ArgumentOutOfRangeException(nameof(ChebyshevDegree), ChebyshevDegree, "the Chebyshev degree must be in 1..2000");
        if (LambdaStages < 1) throw new ArgumentOutOfRangeException(nameof(LambdaStages), LambdaStages, "λ is trained in stage 1 at least");
        if (StageSteps is { } counts && (counts.Length == 0 || counts.Any(n => n < 1)))
            throw new ArgumentOutOfRangeException(nameof(StageSteps), "per-stage step counts must be positive");
        if (AdaptivePoints < 0 || ResampleEvery < 1 || MaxSteps < 1 || Patience < 1 || SearchEvaluations < 2 || SearchSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), "step and point counts must be positive");
        if (ValidationPoints < 10000) throw new ArgumentOutOfRangeException(nameof(ValidationPoints), ValidationPoints, "validate on at least 10 000 points");
        if (FarPower is { } m && m is < 1 or > 50) throw new ArgumentOutOfRangeException(nameof(FarPower), m, "the far-field power must be in 1..50");
        return this;
    }

    /// <summary>The input scale κ of stage <paramref name="stage"/> (2 for stage 1, whose input box is [0, 1]).</summary>
    public double StageInputScale(int stage) => stage <= 1 ? 2 : CorrectionInputScales[Math.Min(stage - 2, CorrectionInputScales.Length - 1)];

    /// <summary>True when stage <paramref name="stage"/> (1-based) is made of Chebyshev series.</summary>
    public bool IsChebyshevStage(int stage) => ChebyshevFrom is { } from && stage >= from;

    /// <summary>The step limit of stage <paramref name="stage"/> (1-based).</summary>
    public int StepsOf(int stage) => StageSteps is { } counts ? counts[Math.Clamp(stage - 1, 0, counts.Length - 1)] : MaxSteps;

    /// <summary>The initial λ to use.</summary>
    public double StartLambda => InitialLambda ?? Problems.BurgersProfile.AdmissibleLambda(Branch) * 0.9;
}
