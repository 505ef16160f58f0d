namespace Pinn.Optimizers;

/// <summary>Hyper-parameters of <see cref="AdaHessian"/> (defaults of Yao et al. 2021 and their reference code).</summary>
public sealed record AdaHessianOptions
{
    /// <summary>Step size η. Key <c>lr</c>; reference: 0.15.</summary>
    public double LearningRate { get; init; } = 0.15;

    /// <summary>Decay β₁ of the gradient moment. Key <c>beta1</c>; reference: 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay β₂ of the second moment of the Hessian diagonal. Key <c>beta2</c>; reference: 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε added to the denominator. Key <c>eps</c>; reference: 1e-4.</summary>
    public double Epsilon { get; init; } = 1e-4;

    /// <summary>Hessian power k ∈ (0, 1] (1: Newton-like, ½: square-root scaling). Key <c>power</c>; reference: 1.</summary>
    public double HessianPower { get; init; } = 1;

    /// <summary>Spatial averaging block size b: the diagonal estimate is averaged over consecutive blocks of
    /// b entries of θ (1: no averaging). Key <c>block</c>.</summary>
    public int BlockSize { get; init; } = 1;

    /// <summary>Hutchinson probes per step. Key <c>samples</c>; reference: 1.</summary>
    public int Samples { get; init; } = 1;

    /// <summary>Seed of the Rademacher probes (step t uses (seed, t)); not a command-line option.</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.Positive(LearningRate, nameof(LearningRate));
        Check.Fraction(Beta1, nameof(Beta1));
        Check.Fraction(Beta2, nameof(Beta2));
        Check.Positive(Epsilon, nameof(Epsilon));
        if (!(HessianPower > 0 && HessianPower <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HessianPower), HessianPower, "HessianPower must lie in (0, 1].");
        }
        Check.Positive(BlockSize, nameof(BlockSize));
        Check.Positive(Samples, nameof(Samples));
        Check.NonNegative(Seed, nameof(Seed));
    }
}
