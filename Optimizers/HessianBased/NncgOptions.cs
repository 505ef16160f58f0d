namespace Pinn.Optimizers;

/// <summary>Hyper-parameters of <see cref="Nncg"/> (defaults of Rathore et al. 2024, §6 and Appendix; damping chosen here).</summary>
public sealed record NncgOptions
{
    /// <summary>
    /// Damping μ &gt; 0 of (H + μI) d = g. Key <c>damping</c>. The paper tunes μ in {1e-5, …, 1e-1}; the default
    /// 1e-3 is the middle of that range on the log scale. It bounds the step in flat directions (|d| ≤ |g|/μ)
    /// while leaving the Hessian's leading directions (eigenvalues of order 1 and above for the float64
    /// benchmarks after Adam and L-BFGS) essentially undamped. It does not make H + μI positive definite there:
    /// at the L-BFGS end point of poisson2d CG still meets negative curvature on some steps, which
    /// <see cref="Nncg"/> handles (see its remarks). Tune it per problem, as the paper does.
    /// </summary>
    public double Damping { get; init; } = 1e-3;

    /// <summary>Rank ℓ of the Nyström preconditioner (capped at P). Key <c>rank</c>; paper: 60.</summary>
    public int Rank { get; init; } = 60;

    /// <summary>Rebuild the preconditioner every F steps. Key <c>refresh</c>; paper: 20.</summary>
    public int Refresh { get; init; } = 20;

    /// <summary>Absolute CG tolerance: stop when ‖g − (H + μI) d‖ ≤ tol. Key <c>cg-tol</c>; paper: 1e-16.</summary>
    public double CgTolerance { get; init; } = 1e-16;

    /// <summary>At most this many CG iterations (Hessian-vector products) per step. Key <c>cg-iters</c>; paper: 1000.</summary>
    public int CgIterations { get; init; } = 1000;

    /// <summary>Armijo constant c of f(θ − t d) ≤ f(θ) − c t gᵀd. Key <c>armijo</c>; paper: 0.1.</summary>
    public double ArmijoConstant { get; init; } = 0.1;

    /// <summary>Backtracking factor: t ← factor·t after a rejected trial, from t = 1. Key <c>backtrack</c>; paper: 0.5.</summary>
    public double BacktrackFactor { get; init; } = 0.5;

    /// <summary>At most this many trial steps per line search (t ≥ factor^(n−1)). Key <c>max-trials</c>.</summary>
    public int MaxTrials { get; init; } = 50;

    /// <summary>Seed of the Gaussian Nyström sketches (build b uses seed + b); not a command-line option.</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.Positive(Damping, nameof(Damping));
        Check.Positive(Rank, nameof(Rank));
        Check.Positive(Refresh, nameof(Refresh));
        Check.NonNegative(CgTolerance, nameof(CgTolerance));
        Check.Positive(CgIterations, nameof(CgIterations));
        Check.InOpenUnitInterval(ArmijoConstant, nameof(ArmijoConstant));
        Check.InOpenUnitInterval(BacktrackFactor, nameof(BacktrackFactor));
        Check.Positive(MaxTrials, nameof(MaxTrials));
        Check.NonNegative(Seed, nameof(Seed));
    }
}
