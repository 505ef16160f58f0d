using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// A least-squares objective L(θ) = Σₜ ‖rₜ(θ)‖² over a stack of dense layers whose Gauss–Newton matrix
/// 2 Σₜ JₜᵀJₜ has, per layer and per term t, a Kronecker-factored approximation Bₜ ⊗ Aₜ: what K-FAC
/// (<see cref="Kfac"/>) asks of a problem. It knows nothing of what the terms mean.
/// </summary>
/// <remarks>
/// The factors follow J. Martens and R. Grosse, "Optimizing neural networks with Kronecker-factored
/// approximate curvature", ICML 2015, §3: a layer's Jacobian rows are outer products (sensitivity ⊗
/// input), so JᵀJ ≈ (Σ bbᵀ) ⊗ (mean aaᵀ). With weight sharing (the same W applied to several inputs per
/// residual, as in a Taylor-mode pass) the inputs and sensitivities of the shared copies are pooled
/// (K-FAC-expand, R. Eschenhagen et al., "Kronecker-factored approximate curvature for modern neural
/// network architectures", NeurIPS 2023). The half-gradient ½∇L = Σₜ Jₜᵀrₜ is what the approximation
/// of ½ of the Gauss–Newton matrix is applied to.
/// </remarks>
public interface IKroneckerObjective : IObjective
{
    /// <summary>The layers, covering every parameter of θ exactly once.</summary>
    IReadOnlyList<KroneckerLayer> KroneckerLayers { get; }

    /// <summary>Loss, gradient and the per-layer, per-term Kronecker factors at θ (θ is not modified).</summary>
    KroneckerEvaluation KroneckerFactors(Tensor theta);
}
