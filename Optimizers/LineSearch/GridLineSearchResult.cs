namespace Pinn.Optimizers;

/// <summary>The result of a <see cref="GridLineSearch"/>: the accepted step, if any, and what it cost.</summary>
/// <param name="Accepted">True when some step lowered the loss; θ was then moved to θ + η d.</param>
/// <param name="Step">The accepted η = 2⁻ᵏ, or 0.</param>
/// <param name="Exponent">The accepted k, or −1.</param>
/// <param name="Loss">The loss at the accepted point, or the starting loss when nothing was accepted.</param>
/// <param name="LowestTrialLoss">The lowest loss among the trials (+∞ if all were NaN or infinite).</param>
/// <param name="Evaluations">Objective values computed.</param>
/// <param name="Message">One line on what happened.</param>
public sealed record GridLineSearchResult(
    bool Accepted,
    double Step,
    int Exponent,
    double Loss,
    double LowestTrialLoss,
    int Evaluations,
    string Message);
