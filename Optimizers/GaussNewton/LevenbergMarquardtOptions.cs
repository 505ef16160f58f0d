namespace Pinn.Optimizers;

/// <summary>Parameters of <see cref="LevenbergMarquardt"/>.</summary>
public sealed record LevenbergMarquardtOptions
{
    /// <summary>τ of the initial damping μ₀ = τ·max diag(JᵀJ) (identity scaling) or τ (diagonal scaling).
    /// Madsen, Nielsen and Tingleff suggest 1e-6 for a good start, 1e-3 otherwise. Key <c>mu</c>.</summary>
    public double InitialDampingFactor { get; init; } = 1e-3;

    /// <summary>The damping matrix D. Key <c>scaling</c> (<c>identity</c> or <c>diagonal</c>).</summary>
    public LevenbergMarquardtScaling Scaling { get; init; } = LevenbergMarquardtScaling.Identity;

    /// <summary>Stop when ‖∇L‖∞ = 2‖Jᵀr‖∞ ≤ GradientTolerance·max(1, ‖∇L(θ₁)‖∞), θ₁ being the point of the
    /// first step since construction or <see cref="LevenbergMarquardt.Reset"/>. Key <c>gtol</c>.</summary>
    public double GradientTolerance { get; init; } = 1e-15;

    /// <summary>Stop when ‖h‖ ≤ StepTolerance·(‖θ‖ + StepTolerance) (Madsen, Nielsen and Tingleff eq. 3.4b).</summary>
    public double StepTolerance { get; init; } = 1e-15;

    /// <summary>Add the geodesic acceleration of Transtrum and Sethna to each step. Key <c>geodesic</c>.</summary>
    public bool GeodesicAcceleration { get; init; }

    /// <summary>α of the acceleration test: an accelerated step is rejected unless 2‖a‖/‖v‖ ≤ α.</summary>
    public double AccelerationRatio { get; init; } = 0.75;

    /// <summary>The finite-difference step, in units of the velocity v, of the second directional derivative of r.</summary>
    public double AccelerationProbe { get; init; } = 0.1;

    /// <summary>Stop when rejections have raised μ above this.</summary>
    public double MaxDamping { get; init; } = 1e30;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.Positive(InitialDampingFactor, nameof(InitialDampingFactor));
        Check.Positive(GradientTolerance, nameof(GradientTolerance));
        Check.Positive(StepTolerance, nameof(StepTolerance));
        Check.Positive(MaxDamping, nameof(MaxDamping));
        Check.Positive(AccelerationRatio, nameof(AccelerationRatio));
        Check.Positive(AccelerationProbe, nameof(AccelerationProbe));
        if (!Enum.IsDefined(Scaling))
        {
            throw new ArgumentOutOfRangeException(nameof(Scaling), Scaling, "unknown scaling.");
        }
    }
}
