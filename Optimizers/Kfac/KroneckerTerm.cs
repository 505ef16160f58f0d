using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// One loss term's Kronecker factors for one layer: its block of the Gauss–Newton matrix is approximated
/// by <c>Output ⊗ Input</c> (row-major θ), that is, the map X ↦ Output · X · Input on the layer's
/// [outputs, inputs + 1] gradient matrix (weight columns, then the bias).
/// </summary>
/// <param name="Input">A = (1/Count) Σ aaᵀ over the layer inputs a augmented by the bias input: [in + 1, in + 1], symmetric PSD.</param>
/// <param name="Output">B = Σ bbᵀ over the backpropagated residual sensitivities b of the layer outputs (the residual's
/// weights folded in): [out, out], symmetric PSD.</param>
/// <param name="Count">How many input vectors <paramref name="Input"/> averages (rows × shared channels); terms of one
/// group are merged as if they were one term over the union of their vectors.</param>
/// <param name="Group">Terms with equal groups are merged into one Kronecker product (see <see cref="Kfac"/>).</param>
public sealed record KroneckerTerm(Tensor Input, Tensor Output, double Count, int Group = 0);
