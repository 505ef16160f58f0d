namespace Pinn.Optimizers;

/// <summary>
/// An optimizer whose state can be saved and restored, so that a run resumed from a checkpoint takes
/// exactly the steps (bit for bit on the CPU) that the uninterrupted run would have taken.
/// </summary>
/// <remarks>
/// Implementations save everything a later <see cref="IOptimizer.Step"/> reads: moments, histories,
/// curvature estimates, damping, warm-start values, step counters. Random draws (sketches, Hutchinson
/// probes) must come from generators seeded by (seed, step counter), so the counter is the whole random
/// state. <see cref="LoadState"/> is called on a freshly created optimizer with the same options.
/// </remarks>
public interface ICheckpointable
{
    /// <summary>A snapshot of the state (host copies; the optimizer keeps its own tensors).</summary>
    OptimizerState SaveState();

    /// <summary>Replaces the state with <paramref name="state"/> (the parameters θ are restored separately).</summary>
    /// <exception cref="InvalidDataException">The state belongs to another optimizer or lacks an entry.</exception>
    void LoadState(OptimizerState state);
}
