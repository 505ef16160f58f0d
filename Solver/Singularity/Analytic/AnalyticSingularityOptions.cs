namespace Pinn.Solver.Singularity;

/// <summary>Settings of the analytic profile search (<see cref="AnalyticProfileSolver"/>).</summary>
public sealed record AnalyticSingularityOptions
{
    /// <summary>Branch i (0 = stable).</summary>
    public int Branch { get; init; }

    /// <summary>Stages (1 = the first fit only; each further stage fits the remaining residual at its scale).</summary>
    public int Stages { get; init; } = 2;

    /// <summary>Far-field powers J of each stage's basis (the last repeats).</summary>
    public int[] Powers { get; init; } = [3, 4];

    /// <summary>Cayley modes K of each stage's basis (the last repeats).</summary>
    public int[] Modes { get; init; } = [32, 32];

    /// <summary>Cayley modes K_f of each far-power family per stage (the last repeats; null: <see cref="Modes"/>).</summary>
    public int[]? FarModes { get; init; }

    /// <summary>Length L_f of the far-power families (null: <see cref="Length"/>).</summary>
    public double? FarLength { get; init; }

    /// <summary>The local family at ±y_d of every stage's basis (null: none); it also adds <see cref="Points"/>/2 collocation points around y_d.</summary>
    public AnalyticLocalFamily? Local { get; init; }

    /// <summary>Add the regular family ζᵏ (γ = 0) to every stage's basis (null: when the equation is nonlocal).</summary>
    public bool? Regular { get; init; }

    /// <summary>Length L of the basis (u = 1/(1 − iy/L)).</summary>
    public double Length { get; init; } = 1;

    /// <summary>Collocation points on y &gt; 0: half uniform in the Cayley angle, half Chebyshev in the compact coordinate t.</summary>
    public int Points { get; init; } = 400;

    /// <summary>
    /// Extra collocation points log-uniform in y over [10·L_f, 10⁹] (L_f the far length, else the length; 0: none). The Cayley
    /// and t-Chebyshev points put only a few dozen points beyond y ~ 10³, where a least-squares fit then leaves its largest residual.
    /// </summary>
    public int FarPoints { get; init; }

    /// <summary>
    /// η of the fixed-λ start's ridge rows (null: <see cref="Weights"/>' ridge). The start's coefficients stay in the profile, and their
    /// size sets the round-off of every later evaluation: CCF branch 1's start at η = 1e-9 had coefficients up to 1.3e5 (sum 4.8e6),
    /// and R̃ then jittered by ±5e-10 between points 1e-6 apart near y ~ 0.5; at η = 1e-5 they are ≤ 15 and the floor fell below 1e-10.
    /// </summary>
    public double? StartRidge { get; init; }

    /// <summary>
    /// Stages fitted after the others (after the search, at the λ it found, held), each on its own basis (null: the main basis,
    /// <see cref="Basis"/>(<see cref="Stages"/>)), with the origin row of <see cref="Weights"/> and no origin emphasis; null or
    /// empty: none. CCF branch 1 (measured 2026-12-07): after the search's fits (max|R̃| ~1e-9, origin emphasis on), every family on
    /// the Cayley length 100, then on 1000, then the main basis took max|R̃| to 5.5e-11–1.2e-10 (the main basis first made no step),
    /// and one more stage on 100 to 7.6e-11 where it had ended at 9.3e-11; the long lengths resolve the far field that the
    /// near-field bases leave at ~1e-9–1e-8, and the origin row keeps R's origin coefficient at the found λ near 0.
    /// </summary>
    public AnalyticProfileBasis?[]? Refinements { get; init; }

    /// <summary>Initial λ (null: the equation's coarse default for the branch).</summary>
    public double? InitialLambda { get; init; }

    /// <summary>Find λ first by a secant search on R's origin coefficient of fixed-λ fits (origin row off).</summary>
    public bool Search { get; init; } = true;

    /// <summary>Without the search: Levenberg–Marquardt steps of a fit at the fixed λ₀ (origin row off) before stage 1 releases λ (0: none).</summary>
    public int StartSteps { get; init; }

    /// <summary>
    /// After the fixed-λ start, replace the equation's scale normalisation (at the origin) by f(y₀) = the start's value at
    /// this y₀ (null: keep it). At λ₀ ≠ λ the start meets the origin normalisation only through a thin inner layer, and its
    /// outer profile is the solution at another scale; normalising away from the origin keeps that scale while λ is trained.
    /// </summary>
    public double? OuterNormalisation { get; init; }

    /// <summary>The basis of the fixed-λ start and of stage 1 (null: <see cref="Basis"/>(1)); stages 2, 3, … keep <see cref="Basis"/>(s):
    /// a coarse first stage, then a rich correction (projecting the start on a rich basis spoiled its derivative).</summary>
    public AnalyticProfileBasis? StartBasis { get; init; }

    /// <summary>Secant/bisection evaluations at most.</summary>
    public int SearchEvaluations { get; init; } = 16;

    /// <summary>Levenberg–Marquardt steps of each fixed-λ fit of the search.</summary>
    public int SearchSteps { get; init; } = 150;

    /// <summary>Levenberg–Marquardt steps per stage at most.</summary>
    public int MaxSteps { get; init; } = 200;

    /// <summary>A stage stops when its loss has not fallen below (1 − 1e-3) of its best for this many steps.</summary>
    public int Patience { get; init; } = 20;

    /// <summary>Row weights.</summary>
    public AnalyticProfileWeights Weights { get; init; } = new();

    /// <summary>Validation points, uniform in ζ = sign(y)(1 − t), t = (1 + y²)^(−1/(2(1+λ))), over (−1, 1).</summary>
    public int ValidationPoints { get; init; } = 20001;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public AnalyticSingularityOptions Validate(IProfileEquation equation)
    {
        if (Branch < 0 || Branch >= equation.Branches) throw new ArgumentOutOfRangeException(nameof(Branch), Branch, $"the branch must be in 0..{equation.Branches - 1}");
        if (Stages is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(Stages), Stages, "the number of stages must be in 1..5");
        if (Powers.Length == 0 || Powers.Any(p => p is < 1 or > 64) || Modes.Length == 0 || Modes.Any(k => k is < 1 or > 512))
            throw new ArgumentOutOfRangeException(nameof(Powers), "powers must be in 1..64 and modes in 1..512");
        if (!(Length > 0) || !double.IsFinite(Length)) throw new ArgumentOutOfRangeException(nameof(Length), Length, "the length must be positive");
        if (FarModes is { } far && (far.Length == 0 || far.Any(k => k is < 1 or > 512))) throw new ArgumentOutOfRangeException(nameof(FarModes), "far modes must be in 1..512");
        if (FarLength is { } lf && (!(lf > 0) || !double.IsFinite(lf))) throw new ArgumentOutOfRangeException(nameof(FarLength), lf, "the far length must be positive");
        Local?.Validate();
        if (OuterNormalisation is { } y0 && !(y0 > 0 && double.IsFinite(y0))) throw new ArgumentOutOfRangeException(nameof(OuterNormalisation), y0, "the normalisation point must be positive");
        if (!(Weights.Infinity >= 0) || !double.IsFinite(Weights.Infinity)) throw new ArgumentOutOfRangeException(nameof(Weights), Weights.Infinity, "the infinity weight must be non-negative");
        if (FarPoints is < 0 or > 100_000) throw new ArgumentOutOfRangeException(nameof(FarPoints), FarPoints, "far points must be in 0..100000");
        if (StartRidge is { } sr && !(sr >= 0 && double.IsFinite(sr))) throw new ArgumentOutOfRangeException(nameof(StartRidge), sr, "the start's ridge must be non-negative and finite");
        if (Points < 8) throw new ArgumentOutOfRangeException(nameof(Points), Points, "at least 8 collocation points");
        if (InitialLambda is { } l && !(l > 0 && l < 10)) throw new ArgumentOutOfRangeException(nameof(InitialLambda), l, "λ₀ must be in (0, 10)");
        if (SearchEvaluations < 2 || SearchSteps < 1 || MaxSteps < 1 || Patience < 1 || StartSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), "step counts must be positive");
        if (ValidationPoints < 1000) throw new ArgumentOutOfRangeException(nameof(ValidationPoints), ValidationPoints, "validate on at least 1 000 points");
        return this;
    }

    /// <summary>The basis of stage <paramref name="stage"/> (from 1).</summary>
    public AnalyticProfileBasis Basis(int stage) =>
        new(Powers[Math.Min(stage - 1, Powers.Length - 1)], Modes[Math.Min(stage - 1, Modes.Length - 1)], Length, Regular ?? false,
            FarModes?[Math.Min(stage - 1, FarModes.Length - 1)], FarLength, Local);
}
