using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// A residual: given the field u at points x ([N, d]), the pointwise defect, shape [N] (or [N, k] for a
/// system, flattened). It is zero where the equation or condition holds.
/// </summary>
public delegate Tensor Residual(Field u, Tensor x);
