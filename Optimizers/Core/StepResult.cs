namespace Pinn.Optimizers;

/// <summary>What one optimizer iteration did.</summary>
/// <param name="Loss">The most recent loss the optimizer knows: for first-order methods the loss at
/// θ before the update, for line-search methods the loss at the accepted point.</param>
/// <param name="Evaluations">Objective evaluations (value or value-and-gradient) spent.</param>
/// <param name="GradientNorm">Euclidean norm of the gradient used, when the method computed one.</param>
/// <param name="Stop">Why the optimizer cannot or need not continue; <see cref="StopReason.None"/>
/// while it can.</param>
/// <param name="Message">A human-readable account of the stop or of an event (rejected step …).</param>
public sealed record StepResult(
    double Loss,
    int Evaluations,
    double GradientNorm = double.NaN,
    StopReason Stop = StopReason.None,
    string? Message = null);

/// <summary>Why an optimizer stopped.</summary>
public enum StopReason
{
    /// <summary>Still running.</summary>
    None,
    /// <summary>The gradient norm fell below the tolerance.</summary>
    GradientTolerance,
    /// <summary>The loss no longer changes at float64 resolution.</summary>
    FunctionTolerance,
    /// <summary>The step became too small to change θ.</summary>
    StepTolerance,
    /// <summary>The line search found no acceptable step.</summary>
    LineSearchFailed,
    /// <summary>The loss or the parameters became NaN or infinite.</summary>
    NonFinite,
}
