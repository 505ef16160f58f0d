namespace Pinn.Optimizers;

/// <summary>
/// The one non-finite guard of the optimizers: a step that meets a non-finite loss or gradient takes no step, leaves θ
/// unchanged and reports <see cref="StopReason.NonFinite"/> (the trainer then rolls back and calls
/// <see cref="IStabilizable.Stabilize"/> or resets the optimizer); a gradient that is exactly zero ends the phase.
/// </summary>
internal static class StepGuard
{
    /// <summary>
    /// The result for a non-finite loss or gradient norm, or null when both are finite. The message says where: at
    /// <paramref name="step"/> when it is not negative, else <paramref name="at"/> (e.g. <c>at the starting point</c>) when
    /// given; <paramref name="gradient"/> and <paramref name="loss"/> name the two quantities.
    /// </summary>
    public static StepResult? NonFinite(double lossValue, double gradientNorm, long step = -1, string? at = null, string gradient = "gradient", string loss = "loss", int evaluations = 1)
    {
        if (double.IsFinite(lossValue) && double.IsFinite(gradientNorm)) return null;
        var where = step >= 0 ? $" at step {step}" : at is null ? "" : " " + at;
        return new StepResult(lossValue, evaluations, gradientNorm, StopReason.NonFinite,
            $"non-finite {(double.IsFinite(lossValue) ? gradient : loss)}{where}; θ left unchanged");
    }

    /// <summary>
    /// The result for a point where no step can be taken: a non-finite loss or gradient (θ is left unchanged) or an
    /// exactly zero gradient; null when a step is possible.
    /// </summary>
    public static StepResult? CannotStep(double loss, double gradientNorm, long step) =>
        NonFinite(loss, gradientNorm, step)
        ?? (gradientNorm == 0 ? new StepResult(loss, 1, 0, StopReason.GradientTolerance, "g = 0 exactly: θ is a stationary point") : null);
}
