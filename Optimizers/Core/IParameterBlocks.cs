namespace Pinn.Optimizers;

/// <summary>
/// An objective whose parameter vector splits into natural blocks (for a network: each layer's weight
/// and bias). Block-diagonal curvature approximations use it; optimizers that need it say so.
/// </summary>
public interface IParameterBlocks
{
    /// <summary>Contiguous, non-overlapping (offset, length) blocks covering θ in order.</summary>
    IReadOnlyList<(long Offset, long Length)> ParameterBlocks { get; }
}
