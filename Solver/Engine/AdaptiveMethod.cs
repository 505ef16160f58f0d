namespace Pinn.Solver.Engine;

/// <summary>How a batch of collocation points is drawn from a pool of candidates (<see cref="AdaptiveSampling"/>).</summary>
public enum AdaptiveMethod
{
    /// <summary>RAD (Wu et al. 2023): the whole batch redrawn with density ∝ |r|ᵏ/mean|r|ᵏ + c.</summary>
    Rad,
    /// <summary>RAR-D (Wu et al. 2023): the batch kept and grown by points drawn with that density.</summary>
    RarD,
    /// <summary>vRBA sampling (Toscano et al. 2025): density ∝ λᵏ/mean λᵏ + c of attention multipliers kept on the pool.</summary>
    Vrba,
}
