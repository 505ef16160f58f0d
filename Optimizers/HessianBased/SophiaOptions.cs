namespace Pinn.Optimizers;

/// <summary>Hyper-parameters of <see cref="Sophia"/> (Sophia-H of Liu et al. 2023; learning rate chosen for PINNs).</summary>
public sealed record SophiaOptions
{
    /// <summary>Step size η; each coordinate moves by at most η per step. Key <c>lr</c>. The paper's
    /// language-model rates (≈1e-4) are for AdamW-scale problems with weight decay; 1e-3 is Adam's PINN default,
    /// which bounds the per-coordinate step the same way.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Momentum β₁. Key <c>beta1</c>; reference code: 0.965 (paper: 0.96).</summary>
    public double Beta1 { get; init; } = 0.965;

    /// <summary>Decay β₂ of the Hessian-diagonal moving average. Key <c>beta2</c>; paper: 0.99.</summary>
    public double Beta2 { get; init; } = 0.99;

    /// <summary>γ in clip(m / max(γh, ε), 1). Key <c>gamma</c>; paper, Sophia-H: 0.01 (the reference code's
    /// rho = 0.04 belongs to Sophia-G, whose estimate carries an extra batch-size factor).</summary>
    public double Gamma { get; init; } = 0.01;

    /// <summary>ε, the floor of the denominator. Key <c>eps</c>; paper: 1e-12.</summary>
    public double Epsilon { get; init; } = 1e-12;

    /// <summary>Refresh the Hessian-diagonal estimate every k steps. Key <c>every</c>; paper: 10.</summary>
    public int HessianInterval { get; init; } = 10;

    /// <summary>Seed of the Gaussian probes (step t uses (seed, t)); not a command-line option.</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.Positive(LearningRate, nameof(LearningRate));
        Check.Fraction(Beta1, nameof(Beta1));
        Check.Fraction(Beta2, nameof(Beta2));
        Check.Positive(Gamma, nameof(Gamma));
        Check.Positive(Epsilon, nameof(Epsilon));
        Check.Positive(HessianInterval, nameof(HessianInterval));
        Check.NonNegative(Seed, nameof(Seed));
    }
}
