namespace Pinn.Optimizers;

/// <summary>Hyper-parameters of <see cref="Adam"/> (defaults of Kingma &amp; Ba 2015, Alg. 1).</summary>
public sealed record AdamOptions
{
    /// <summary>Step size α. Command-line key <c>lr</c>.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Decay rate β₁ of the first-moment estimate, in [0, 1). Key <c>beta1</c>.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay rate β₂ of the second-moment estimate, in [0, 1). Key <c>beta2</c>.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε added to √v̂ in the denominator. Key <c>eps</c>.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.Positive(LearningRate, nameof(LearningRate));
        Check.Fraction(Beta1, nameof(Beta1));
        Check.Fraction(Beta2, nameof(Beta2));
        Check.Positive(Epsilon, nameof(Epsilon));
    }
}
