namespace Pinn.Optimizers;

/// <summary>
/// An optimizer that can make its next steps more cautious after a step led to a non-finite loss or
/// parameters (the trainer rolls θ back to the last good point first): a smaller learning rate, a larger
/// damping, a cleared history.
/// </summary>
public interface IStabilizable
{
    /// <summary>Makes the next steps more cautious; returns what changed (for the log), e.g. "damping 1e-10 → 1e-9".</summary>
    string Stabilize();
}
