namespace Pinn.Optimizers;

/// <summary>
/// Hyper-parameters of <see cref="Soap"/>. The defaults are those of the reference implementation
/// (Vyas et al. 2024, github.com/nikhilvyas/SOAP: lr 3e-3, betas (0.95, 0.95), shampoo_beta = beta2,
/// ε 1e-8, precondition_frequency 10, max_precond_dim 10000); <see cref="Pinn"/> holds the settings used
/// for PINNs by Wang et al. 2025 (β₁ 0.99, β₂ 0.999, f = 2).
/// </summary>
public sealed record SoapOptions
{
    /// <summary>The settings for physics-informed training: lr 1e-3, β₁ 0.99, β₂ 0.999 (factor decay too), f = 2.</summary>
    public static SoapOptions Pinn { get; } = new() { LearningRate = 1e-3, Beta1 = 0.99, Beta2 = 0.999, PreconditionFrequency = 2 };

    /// <summary>Step size α. Command-line key <c>lr</c>.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Decay rate β₁ of the first moment (kept in the eigenbasis). Key <c>beta1</c>.</summary>
    public double Beta1 { get; init; } = 0.95;

    /// <summary>Decay rate β₂ of the second moment (in the eigenbasis). Key <c>beta2</c>.</summary>
    public double Beta2 { get; init; } = 0.95;

    /// <summary>
    /// Decay rate of the Kronecker factors L and R; null uses <see cref="Beta2"/>, as the reference does for
    /// its default <c>shampoo_beta = -1</c>. Key <c>shampoo-beta</c>.
    /// </summary>
    public double? ShampooBeta { get; init; }

    /// <summary>ε added to √v (before the bias correction, as in the reference). Key <c>eps</c>.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Refresh the eigenbases every f Adam steps (one power iteration + QR). Key <c>frequency</c>.</summary>
    public int PreconditionFrequency { get; init; } = 10;

    /// <summary>A side of a weight larger than this is not rotated (identity basis). Key <c>max-dim</c>.</summary>
    public int MaxPreconditionDimension { get; init; } = 10000;

    /// <summary>
    /// Decoupled weight decay θ ← θ − α·decay·θ after each step. The reference's default is 0.01 (for
    /// language models); a PINN fits a function, not data to regularise, so the default here is 0. Key
    /// <c>weight-decay</c>.
    /// </summary>
    public double WeightDecay { get; init; }

    /// <summary>The factor decay in effect: <see cref="ShampooBeta"/>, or <see cref="Beta2"/> when it is null.</summary>
    public double EffectiveShampooBeta => ShampooBeta ?? Beta2;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.Positive(LearningRate, nameof(LearningRate));
        Check.Fraction(Beta1, nameof(Beta1));
        Check.Fraction(Beta2, nameof(Beta2));
        Check.Fraction(EffectiveShampooBeta, nameof(ShampooBeta));
        Check.Positive(Epsilon, nameof(Epsilon));
        Check.Positive(PreconditionFrequency, nameof(PreconditionFrequency));
        Check.Positive(MaxPreconditionDimension, nameof(MaxPreconditionDimension));
        Check.NonNegative(WeightDecay, nameof(WeightDecay));
    }
}
