using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// What <see cref="IKroneckerObjective.KroneckerFactors"/> returns: the loss and its gradient at θ and, per
/// layer (in the order of <see cref="IKroneckerObjective.KroneckerLayers"/>) and per loss term, the Kronecker
/// factors of the Gauss–Newton block. All tensors are fresh, float64 and owned by the caller's dispose scope.
/// </summary>
/// <param name="Loss">L(θ).</param>
/// <param name="Gradient">∇L(θ), [P].</param>
/// <param name="Factors">Factors[layer][term].</param>
public sealed record KroneckerEvaluation(double Loss, Tensor Gradient, IReadOnlyList<IReadOnlyList<KroneckerTerm>> Factors);
