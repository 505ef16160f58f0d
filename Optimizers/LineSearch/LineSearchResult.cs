using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The result of a line search along θ + α d. When <see cref="Accepted"/>, <see cref="Point"/> and
/// <see cref="Gradient"/> are fresh tensors owned by the caller (registered in the caller's dispose
/// scope, if any); <see cref="Dispose"/> releases them.
/// </summary>
/// <param name="Outcome">How the search ended.</param>
/// <param name="Step">The accepted step length α (0 when none was accepted).</param>
/// <param name="Loss">The loss at the accepted point (φ(0) when none was accepted).</param>
/// <param name="Point">θ + α d, or null.</param>
/// <param name="Gradient">The gradient at <paramref name="Point"/>, or null.</param>
/// <param name="Slope">φ′(α) = ∇f(θ + α d)ᵀd at the accepted point (φ′(0) when none was accepted).</param>
/// <param name="Evaluations">Objective evaluations spent.</param>
/// <param name="Message">One line on what happened.</param>
public sealed record LineSearchResult(
    LineSearchOutcome Outcome,
    double Step,
    double Loss,
    Tensor? Point,
    Tensor? Gradient,
    double Slope,
    int Evaluations,
    string Message) : IDisposable
{
    /// <summary>True when the search returned a point.</summary>
    public bool Accepted => Point is not null;

    /// <summary>Releases <see cref="Point"/> and <see cref="Gradient"/>.</summary>
    public void Dispose()
    {
        Point?.Dispose();
        Gradient?.Dispose();
    }
}
