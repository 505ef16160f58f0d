namespace Pinn.Optimizers;

/// <summary>Parameters of <see cref="StrongWolfeLineSearch"/>.</summary>
public sealed record StrongWolfeOptions
{
    /// <summary>c₁ of the sufficient-decrease (Armijo) condition φ(α) ≤ φ(0) + c₁ α φ′(0).</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>c₂ of the strong curvature condition |φ′(α)| ≤ c₂ |φ′(0)|; 0.9 suits quasi-Newton directions.</summary>
    public double Curvature { get; init; } = 0.9;

    /// <summary>Most objective evaluations one search may spend.</summary>
    public int MaxEvaluations { get; init; } = 25;

    /// <summary>
    /// Relative change of the loss, |φ(α) − φ(0)| ≤ LossNoise·|φ(0)|, treated as float64 round-off: within it
    /// a step may be accepted by the approximate Wolfe conditions (Hager &amp; Zhang 2005), which use only
    /// derivatives, and a search whose trial losses all lie within it reports
    /// <see cref="LineSearchOutcome.LossResolution"/>.
    /// </summary>
    public double LossNoise { get; init; } = 1e-12;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value (0 &lt; c₁ &lt; c₂ &lt; 1).</summary>
    public void Validate()
    {
        Check.InOpenUnitInterval(SufficientDecrease, nameof(SufficientDecrease));
        Check.InOpenUnitInterval(Curvature, nameof(Curvature));
        if (!(SufficientDecrease < Curvature))
        {
            throw new ArgumentOutOfRangeException(nameof(Curvature), Curvature,
                $"the curvature constant c₂ must exceed the sufficient-decrease constant c₁ = {SufficientDecrease}.");
        }
        Check.Positive(MaxEvaluations, nameof(MaxEvaluations));
        if (!(LossNoise >= 0 && LossNoise < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(LossNoise), LossNoise, "LossNoise must lie in [0, 1).");
        }
    }
}
