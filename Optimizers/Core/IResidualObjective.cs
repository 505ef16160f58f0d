using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// A least-squares objective L(θ) = ‖r(θ)‖² of a residual vector r(θ) ∈ ℝᴹ (per-term weights and the
/// 1/Nₜ of each term's mean are folded into r): what the Gauss–Newton family asks of a problem.
/// Its gradient is 2 Jᵀr with J = ∂r/∂θ ∈ ℝᴹˣᴾ.
/// </summary>
public interface IResidualObjective : IObjective
{
    /// <summary>Number of residual rows M.</summary>
    long ResidualCount { get; }

    /// <summary>r(θ), a fresh [M] float64 tensor (detached).</summary>
    Tensor Residuals(Tensor theta);

    /// <summary>r(θ) and the dense Jacobian J(θ) = ∂r/∂θ, fresh [M] and [M, P] float64 tensors (detached).</summary>
    (Tensor Residuals, Tensor Jacobian) ResidualsAndJacobian(Tensor theta);
}
