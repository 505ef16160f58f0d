using Pinn.Optimizers;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>Hessian-vector products of the PINN loss (for NNCG, AdaHessian, Sophia, Hessian-free).</summary>
public sealed partial class PinnObjective : ITwiceDifferentiableObjective
{
    /// <summary>
    /// The loss, its gradient and its exact Hessian at θ as an operator: <see cref="Loss"/> is built from torch
    /// operations only (the Taylor-mode pass, or nested autograd with <c>create_graph</c>), so it is twice
    /// differentiable in θ, and each product H v is one backward pass through the graph of ∇L kept here
    /// (<see cref="SecondOrderExpansion.Autograd(TorchSharp.torch.Tensor, Func{TorchSharp.torch.Tensor, TorchSharp.torch.Tensor})"/>). Dispose the result to release the graph.
    /// </summary>
    public SecondOrderExpansion Expand(Tensor theta) => SecondOrderExpansion.Autograd(theta, Loss);
}
