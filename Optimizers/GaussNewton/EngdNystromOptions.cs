namespace Pinn.Optimizers;

/// <summary>The solver parameters of <see cref="EngdNystrom"/> (the step parameters are an <see cref="GramianOptions"/>).</summary>
public sealed record EngdNystromOptions
{
    /// <summary>Rank ℓ of the Nyström approximation of JᵀJ (capped at P). Key <c>rank</c>.</summary>
    public int Rank { get; init; } = 100;

    /// <summary>Rebuild the Nyström approximation every this many steps (1 = every step). Key <c>refresh</c>.</summary>
    public int Refresh { get; init; } = 1;

    /// <summary>CG stops when ‖(JᵀJ + λI)d − Jᵀr‖ ≤ this · ‖Jᵀr‖. Key <c>cg-tol</c>.</summary>
    public double CgTolerance { get; init; } = 1e-10;

    /// <summary>At most this many CG iterations per step; running out counts as a failed solve. Key <c>cg-iters</c>.</summary>
    public int CgIterations { get; init; } = 200;

    /// <summary>Seed of the first Gaussian sketch; rebuild k uses seed + k.</summary>
    public long Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.Positive(Rank, nameof(Rank));
        Check.Positive(Refresh, nameof(Refresh));
        Check.NonNegative(CgTolerance, nameof(CgTolerance));
        Check.Positive(CgIterations, nameof(CgIterations));
    }
}
