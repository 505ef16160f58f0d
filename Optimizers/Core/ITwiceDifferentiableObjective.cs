using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// An objective whose Hessian ∇²L(θ) can be applied to vectors: what Newton-type and curvature-diagonal
/// optimizers (<see cref="Nncg"/>, <see cref="AdaHessian"/>, <see cref="Sophia"/>, <see cref="HessianFree"/>
/// on a plain objective) ask of a problem.
/// </summary>
/// <remarks>
/// One call of <see cref="Expand"/> linearises at θ once (one forward pass and one backward pass that keeps
/// its graph); every product H v after that is one more backward pass through the kept graph (B. A.
/// Pearlmutter, "Fast exact multiplication by the Hessian", Neural Computation 6 (1994): H v = ∇(∇L·v)),
/// so the many products of one θ (a Nyström sketch, a CG solve, Hutchinson probes) share the forward work.
/// </remarks>
public interface ITwiceDifferentiableObjective : IObjective
{
    /// <summary>
    /// The loss, the gradient and the Hessian operator at θ. The caller disposes the result, which
    /// releases the kept graph; θ may change afterwards without affecting it (it is copied).
    /// </summary>
    SecondOrderExpansion Expand(Tensor theta);
}
