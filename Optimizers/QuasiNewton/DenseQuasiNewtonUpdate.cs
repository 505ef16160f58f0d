namespace Pinn.Optimizers;

/// <summary>Which member of the self-scaled Broyden class a <see cref="DenseQuasiNewton"/> uses to update its inverse Hessian.</summary>
public enum DenseQuasiNewtonUpdate
{
    /// <summary>Plain BFGS: τ = 1, φ = 1 (Nocedal &amp; Wright eq. 6.17). Command-line name <c>bfgs</c>.</summary>
    Bfgs,

    /// <summary>Self-scaled BFGS: τ = min(1, 1/b), φ = 1 (Al-Baali 1998; Urbán et al. 2025 eq. 11). Name <c>ssbfgs</c>.</summary>
    SelfScaledBfgs,

    /// <summary>Self-scaled Broyden: τ and φ from b, h and a = bh − 1 (Al-Baali 1998; Urbán et al. 2025 eqs. 13–23). Name <c>ssbroyden</c>.</summary>
    SelfScaledBroyden,
}
