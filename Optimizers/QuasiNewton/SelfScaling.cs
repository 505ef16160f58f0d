namespace Pinn.Optimizers;

/// <summary>
/// The scaling τ and the Broyden-class parameter φ of one self-scaled quasi-Newton update
/// H₊ = (H − HyyᵀH/yᵀHy + φ·yᵀHy·vvᵀ)/τ + ssᵀ/sᵀy, v = s/sᵀy − Hy/yᵀHy (φ = 1: BFGS, φ = 0: DFP), chosen from
/// b = sᵀBs/sᵀy, h = yᵀHy/sᵀy (B = H⁻¹) and a = bh − 1 ≥ 0.
/// </summary>
/// <remarks>
/// M. Al-Baali, "Numerical experience with a class of self-scaling quasi-Newton algorithms", J. Optim. Theory
/// Appl. 96(3), 1998, 533–553: the self-scaled Broyden class, whose B-form parameter θ relates to φ by
/// φ = (1 − θ)/(1 + aθ). The choices are those of J. F. Urbán, P. Stefanou and J. A. Pons, "Unveiling the
/// optimization process of physics informed neural networks: how accurate and competitive can PINNs be?",
/// J. Comput. Phys. (2025) 113656 (eq. 11 for SSBFGS, eqs. 13–23 for SSBroyden, checked against the authors'
/// public code), also used by E. Kiyani et al., "Optimizing the optimizer for physics-informed neural networks and
/// Kolmogorov–Arnold networks", Comput. Methods Appl. Mech. Engrg. 446, 2025, 118308:
/// <list type="bullet">
/// <item>SSBFGS: φ = 1, τ = min(1, 1/b).</item>
/// <item>SSBroyden: ρ⁻ = min(1, h(1 − √(a/(1+a)))), θ⁻ = (ρ⁻ − 1)/a, θ⁺ = 1/ρ⁻,
/// θ = max(θ⁻, min(θ⁺, (1 − b)/b)); with σ = 1 + aθ and ρ = min(1, 1/b), τ = min(ρσ^{1/(1−n)}, σ) when θ ≤ 0 and
/// τ = ρ·min(σ^{1/(1−n)}, 1/θ) when θ &gt; 0, n the number of parameters.</item>
/// <item>The first update from H = I, with initial scaling, uses τ = h/(1 + aθ) instead (θ = 0 for BFGS and SSBFGS:
/// then H ← (sᵀy/yᵀy)I before the update, Nocedal &amp; Wright eq. 6.20).</item>
/// </list>
/// θ ≥ θ⁻ keeps σ ≥ ρ⁻ &gt; 0, so τ &gt; 0 and H₊ stays positive definite whenever sᵀy &gt; 0. When a vanishes in float64
/// (Hy parallel to s, where every member of the class gives the same update) θ = 0 is used.
/// </remarks>
internal static class SelfScaling
{
    /// <summary>τ and φ for one update.</summary>
    /// <param name="rule">The member of the class.</param>
    /// <param name="b">sᵀBs/sᵀy &gt; 0.</param>
    /// <param name="h">yᵀHy/sᵀy &gt; 0.</param>
    /// <param name="dimension">n, the number of parameters.</param>
    /// <param name="initial">True for the first update from H = I with initial scaling.</param>
    public static (double Tau, double Phi) Choose(DenseQuasiNewtonUpdate rule, double b, double h, long dimension, bool initial)
    {
        if (rule != DenseQuasiNewtonUpdate.SelfScaledBroyden)
        {
            var tau = initial ? h : rule == DenseQuasiNewtonUpdate.Bfgs ? 1 : Math.Min(1, 1 / b);
            return (tau, 1);
        }
        var a = b * h - 1;
        var theta = a > 16 * VectorMath.MachineEpsilon * b * h ? Theta(a, b, h) : 0;
        var sigma = 1 + a * theta;
        var phi = (1 - theta) / sigma;
        if (initial) return (h / sigma, phi);
        var rho = Math.Min(1, 1 / b);
        var root = dimension > 1 ? Math.Pow(Math.Abs(sigma), 1.0 / (1 - dimension)) : 1;
        var scale = theta <= 0 ? Math.Min(rho * root, sigma) : rho * Math.Min(root, 1 / theta);
        return (scale, phi);
    }

    /// <summary>θ = max(θ⁻, min(θ⁺, (1 − b)/b)) for a &gt; 0.</summary>
    private static double Theta(double a, double b, double h)
    {
        var lower = Math.Min(1, h * (1 - Math.Sqrt(a / (1 + a))));
        var thetaMinus = (lower - 1) / a;
        var thetaPlus = 1 / lower;
        return Math.Max(thetaMinus, Math.Min(thetaPlus, (1 - b) / b));
    }
}
