namespace Pinn.Optimizers;

/// <summary>Stopping rules of <see cref="ConjugateGradient"/>.</summary>
public sealed record ConjugateGradientOptions
{
    /// <summary>Stop when ‖b − A x‖ ≤ max(RelativeTolerance·‖b‖, <see cref="AbsoluteTolerance"/>).</summary>
    public double RelativeTolerance { get; init; } = 1e-10;

    /// <summary>The absolute floor of the residual tolerance (default 0).</summary>
    public double AbsoluteTolerance { get; init; }

    /// <summary>At most this many iterations (each one product with A and one with the preconditioner).</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.NonNegative(RelativeTolerance, nameof(RelativeTolerance));
        Check.NonNegative(AbsoluteTolerance, nameof(AbsoluteTolerance));
        Check.Positive(MaxIterations, nameof(MaxIterations));
    }
}
