using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// KFAC*'s step rule: the step size α and momentum μ of the update s = αΔ + μδ (Δ the new K-FAC direction, δ the
/// previous update) that minimise the quadratic model m(s) = hᵀs + ½ sᵀ(JᵀJ + λI)s of ½L with the exact
/// Gauss–Newton matrix, h = ½∇L = Jᵀr.
/// </summary>
/// <remarks>
/// J. Martens and R. Grosse, "Optimizing neural networks with Kronecker-factored approximate curvature", ICML 2015,
/// §7: the 2×2 system [ΔᵀGΔ, ΔᵀGδ; δᵀGΔ, δᵀGδ] (α, μ) = −(hᵀΔ, hᵀδ) with G = JᵀJ + λI; used as "KFAC*" by
/// F. Dangel, J. Müller, M. Zeinhofer, NeurIPS 2024, §4. Without a previous update (or when the system is
/// singular) μ = 0 and α = −hᵀΔ / ΔᵀGΔ. The products JΔ, Jδ come from the dense Jacobian of an
/// <see cref="IResidualObjective"/>.
/// </remarks>
internal static class QuadraticModelStep
{
    /// <summary>(α, μ) for the given vectors; NaN when the model has no minimum along Δ.</summary>
    public static (double Step, double Momentum) Solve(IResidualObjective objective, Tensor theta, Tensor halfGradient, Tensor direction, Tensor? previous, double damping)
    {
        using var scope = torch.NewDisposeScope();
        var (_, jacobian) = objective.ResidualsAndJacobian(theta);
        var jd = jacobian.mv(direction);
        double dd = Dot(jd, jd) + damping * Dot(direction, direction);
        double hd = Dot(halfGradient, direction);
        if (previous is not null)
        {
            var jp = jacobian.mv(previous);
            double pp = Dot(jp, jp) + damping * Dot(previous, previous);
            double dp = Dot(jd, jp) + damping * Dot(direction, previous);
            double hp = Dot(halfGradient, previous);
            double determinant = dd * pp - dp * dp;
            if (determinant > 1e-14 * dd * pp && double.IsFinite(determinant))
            {
                return ((-hd * pp + hp * dp) / determinant, (-hp * dd + hd * dp) / determinant);
            }
        }
        return dd > 0 ? (-hd / dd, 0) : (double.NaN, 0);
    }

    private static double Dot(Tensor a, Tensor b) => a.dot(b).item<double>();
}
