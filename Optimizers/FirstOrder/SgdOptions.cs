namespace Pinn.Optimizers;

/// <summary>Hyper-parameters of <see cref="Sgd"/>.</summary>
public sealed record SgdOptions
{
    /// <summary>Step size η. Command-line key <c>lr</c>.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Momentum μ in [0, 1); 0 gives plain gradient descent. Key <c>momentum</c>.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Use Nesterov's look-ahead form instead of Polyak's heavy ball. Key <c>nesterov</c>.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.Positive(LearningRate, nameof(LearningRate));
        Check.Fraction(Momentum, nameof(Momentum));
    }
}
