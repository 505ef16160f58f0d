namespace Pinn.Optimizers;

/// <summary>Hyper-parameters of <see cref="Shampoo"/> (Adam-grafted Shampoo).</summary>
public sealed record ShampooOptions
{
    /// <summary>Step size α; with Adam grafting each layer's step has the length of Adam's, so Adam's rates apply. Key <c>lr</c>.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Decay rate β₁ of the first moment (preconditioned by Shampoo, and Adam's). Key <c>beta1</c>.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay rate β₂ of Adam's second moment (grafting and vectors). Key <c>beta2</c>.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam's ε. Key <c>eps</c>.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Decay rate of the factors L and R (moving average). Key <c>shampoo-beta</c>.</summary>
    public double ShampooBeta { get; init; } = 0.999;

    /// <summary>Sum the factors (L ← L + G Gᵀ, Gupta et al. 2018) instead of averaging them. Key <c>sum</c>.</summary>
    public bool Sum { get; init; }

    /// <summary>
    /// Relative ridge: the inverse root is taken of L + ε·λ_max(L)·I, scale-free as in the scalable Shampoo
    /// implementation of Anil et al. (google-research/scalable_shampoo). Key <c>root-eps</c>.
    /// </summary>
    public double RootEpsilon { get; init; } = 1e-6;

    /// <summary>Recompute the inverse roots every this many steps (they are computed at the first). Key <c>frequency</c>.</summary>
    public int PreconditionFrequency { get; init; } = 10;

    /// <summary>A side of a weight larger than this is not preconditioned (identity). Key <c>max-dim</c>.</summary>
    public int MaxPreconditionDimension { get; init; } = 10000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.Positive(LearningRate, nameof(LearningRate));
        Check.Fraction(Beta1, nameof(Beta1));
        Check.Fraction(Beta2, nameof(Beta2));
        Check.Positive(Epsilon, nameof(Epsilon));
        Check.Fraction(ShampooBeta, nameof(ShampooBeta));
        Check.Positive(RootEpsilon, nameof(RootEpsilon));
        Check.Positive(PreconditionFrequency, nameof(PreconditionFrequency));
        Check.Positive(MaxPreconditionDimension, nameof(MaxPreconditionDimension));
    }
}
