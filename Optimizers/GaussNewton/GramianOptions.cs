namespace Pinn.Optimizers;

/// <summary>Parameters of <see cref="Engd"/>, <see cref="EngdWoodbury"/> and Gauss–Newton (<see cref="Engd.GaussNewton"/>).</summary>
public sealed record GramianOptions
{
    /// <summary>The defaults of <see cref="Engd.GaussNewton"/>: no damping (pseudo-inverse of a singular JᵀJ).</summary>
    public static GramianOptions GaussNewtonDefaults { get; } = new() { Damping = 0 };

    /// <summary>
    /// Damping λ ≥ 0 added to the Gramian, (G + λI) d = Jᵀr, absolute (not relative to G). Raised ×10 for the
    /// next step after a failed step and lowered ÷10 back towards this value after a successful one.
    /// Key <c>damping</c>.
    /// </summary>
    public double Damping { get; init; } = 1e-10;

    /// <summary>
    /// β of the exponential moving average of the Gramian, G ← β G_old + (1 − β) G_new, in [0, 1); 0 uses the
    /// current G alone (the reference's best run has 0.3). Key <c>ema</c> (<see cref="Engd"/> only).
    /// </summary>
    public double MovingAverage { get; init; }

    /// <summary>
    /// Replace G by its block-diagonal part, one block per <see cref="IParameterBlocks.ParameterBlocks"/> entry
    /// (a network layer), and solve each block system separately: P_b×P_b solves instead of one P×P.
    /// Requires an objective implementing <see cref="IParameterBlocks"/>. Key <c>blocks</c>
    /// (<see cref="Engd"/> only).
    /// </summary>
    public bool BlockDiagonal { get; init; }

    /// <summary>K of the grid line search η = 2⁻ᵏ, k = 0..K. Key <c>grid</c>.</summary>
    public int GridExponents { get; init; } = 30;

    /// <summary>Stop once repeated failures have raised the damping above this.</summary>
    public double MaxDamping { get; init; } = 1e10;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.NonNegative(Damping, nameof(Damping));
        Check.Fraction(MovingAverage, nameof(MovingAverage));
        Check.NonNegative(GridExponents, nameof(GridExponents));
        Check.Positive(MaxDamping, nameof(MaxDamping));
        if (Damping > MaxDamping)
        {
            throw new ArgumentOutOfRangeException(nameof(Damping), Damping, $"{nameof(Damping)} must not exceed {nameof(MaxDamping)} = {MaxDamping}.");
        }
    }
}
