namespace Pinn.Optimizers;

/// <summary>
/// The damping policy of the methods with a configured damping λ₀ (the ENGD family and Gauss–Newton, K-FAC): a failed
/// step (no solve, or no step that lowers the loss) raises λ ×10 for the next step (from 0 to a first 10⁻¹⁰), and the
/// method stops once λ would exceed its maximum; an accepted step lowers λ ÷10 back towards λ₀ (to λ₀ itself once below
/// max(λ₀, 10⁻¹⁰)).
/// </summary>
internal sealed class DampingSchedule(double configured, double maximum)
{
    /// <summary>λ after the first failure at λ = 0.</summary>
    public const double FirstRaised = 1e-10;

    /// <summary>λ₀, the configured damping.</summary>
    public double Configured { get; } = configured;

    /// <summary>The damping the next step uses.</summary>
    public double Current { get; set; } = configured;

    /// <summary>After a step accepted with damping <paramref name="used"/>: λ ÷10 towards λ₀.</summary>
    public void Accepted(double used)
    {
        var lowered = used / 10;
        Current = lowered < Math.Max(Configured, FirstRaised) ? Configured : lowered;
    }

    /// <summary>
    /// After a step that failed with damping <paramref name="used"/>: λ ×10 for the next step, and the step's result (θ
    /// unchanged): <see cref="StopReason.LineSearchFailed"/> once λ would exceed the maximum, else a note.
    /// </summary>
    /// <param name="loss">The loss at θ (unchanged).</param>
    /// <param name="evaluations">Objective evaluations the step spent.</param>
    /// <param name="gradientNorm">‖∇L(θ)‖.</param>
    /// <param name="used">The damping the failed step used.</param>
    /// <param name="reason">What failed (the solve, the line search).</param>
    /// <param name="why">Appended to the stop message: why no larger damping can help.</param>
    public StepResult Failed(double loss, int evaluations, double gradientNorm, double used, string reason, string why = "")
    {
        Current = Raise(used);
        if (Current > maximum)
        {
            return new StepResult(loss, evaluations, gradientNorm, StopReason.LineSearchFailed,
                $"{reason}; the damping would exceed {maximum:G3} after repeated failures{why}; θ unchanged");
        }
        return new StepResult(loss, evaluations, gradientNorm, StopReason.None,
            $"{reason}; damping raised {used:G3} → {Current:G3} for the next step; θ unchanged");
    }

    /// <summary>Raises λ as a failure does (for <see cref="IStabilizable.Stabilize"/>); returns a note on the change.</summary>
    public string Raise()
    {
        var before = Current;
        Current = Raise(before);
        return $"damping {before:G3} → {Current:G3}";
    }

    /// <summary>Back to λ₀.</summary>
    public void Reset() => Current = Configured;

    private static double Raise(double damping) => damping > 0 ? 10 * damping : FirstRaised;
}
