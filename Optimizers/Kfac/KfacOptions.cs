namespace Pinn.Optimizers;

/// <summary>Hyper-parameters of <see cref="Kfac"/>; defaults near the best poisson2d run of Dangel, Müller &amp; Zeinhofer (2024).</summary>
public sealed record KfacOptions
{
    /// <summary>
    /// Damping λ ≥ 0 added to every Kronecker factor, (Bₜ + λI) ⊗ (Aₜ + λI). Raised ×10 for the next step after a
    /// step that no step size could make lower the loss, lowered ÷10 back after a success. Key <c>damping</c>.
    /// </summary>
    public double Damping { get; init; } = 1e-12;

    /// <summary>β of the factors' moving average F ← βF + (1 − β)F_new, in [0, 1). Key <c>ema</c>.</summary>
    public double MovingAverage { get; init; } = 0.5;

    /// <summary>μ of the momentum on the direction, m ← μm + d, in [0, 1); the line search runs along m. Key <c>momentum</c>.</summary>
    public double Momentum { get; init; } = 0.5;

    /// <summary>Start the moving average from the identity (true, as the reference's best runs) or from the first factors. Key <c>identity</c>.</summary>
    public bool InitializeToIdentity { get; init; } = true;

    /// <summary>
    /// KFAC*: choose the step size and the momentum of each update by minimising the Gauss–Newton quadratic model over
    /// the new direction and the previous update (<see cref="QuadraticModelStep"/>) instead of the line search
    /// and <see cref="Momentum"/> (then ignored). Needs an objective that is also an <see cref="IResidualObjective"/>.
    /// Key <c>auto</c>.
    /// </summary>
    public bool Auto { get; init; }

    /// <summary>K of the grid line search η = 2⁻ᵏ, k = 0..K. Key <c>grid</c>.</summary>
    public int GridExponents { get; init; } = 30;

    /// <summary>Stop once repeated failures have raised the damping above this.</summary>
    public double MaxDamping { get; init; } = 1e10;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.NonNegative(Damping, nameof(Damping));
        Check.Fraction(MovingAverage, nameof(MovingAverage));
        Check.Fraction(Momentum, nameof(Momentum));
        Check.NonNegative(GridExponents, nameof(GridExponents));
        Check.Positive(MaxDamping, nameof(MaxDamping));
        if (Damping > MaxDamping)
        {
            throw new ArgumentOutOfRangeException(nameof(Damping), Damping, $"{nameof(Damping)} must not exceed {nameof(MaxDamping)} = {MaxDamping}.");
        }
    }
}
