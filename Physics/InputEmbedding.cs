namespace Pinn.Physics;

/// <summary>
/// A fixed (untrained) map of the network's inputs x ↦ φ(x) applied before the first layer: a periodic
/// embedding (<see cref="PeriodicEmbedding"/>) or random Fourier features (<see cref="FourierFeatures"/>).
/// Declared on a <see cref="Problem"/> with <see cref="Problem.WithEmbedding"/>; the network realises it.
/// </summary>
/// <remarks>
/// Both kinds are sin/cos maps of linear functions of the inputs, so their derivatives (first derivatives and
/// weighted sums of pure second derivatives) are closed-form and the Taylor-mode pass stays exact.
/// </remarks>
public abstract record InputEmbedding
{
    /// <summary>Throws when the embedding does not fit a domain of <paramref name="dimension"/> inputs.</summary>
    public abstract void Validate(int dimension);
}
