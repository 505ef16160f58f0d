using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// What a line-search quasi-Newton method keeps of the curvature: an approximation H of the inverse Hessian,
/// built from the steps sₖ = θₖ₊₁ − θₖ and gradient changes yₖ = gₖ₊₁ − gₖ. Used by <see cref="LineSearchQuasiNewton"/>;
/// the limited-memory history of L-BFGS and the dense inverse of BFGS and its self-scaled variants implement it.
/// Owns its tensors.
/// </summary>
internal interface IInverseHessianApproximation : IDisposable
{
    /// <summary>True when no curvature is held (H = I): the next direction is −g, the first step a scaled one.</summary>
    bool IsEmpty { get; }

    /// <summary>The method's name in messages (e.g. <c>L-BFGS</c>).</summary>
    string Label { get; }

    /// <summary>What <see cref="Clear"/> does, for messages (e.g. <c>history cleared</c>).</summary>
    string ClearedMessage { get; }

    /// <summary>−H g: the quasi-Newton direction (a fresh tensor in the caller's scope).</summary>
    Tensor Direction(Tensor gradient);

    /// <summary>
    /// Takes one accepted step: s = θ₊ − θ, y = g₊ − g, the step length α along the direction d, and the
    /// slope gᵀd at its start (so that sᵀBs = −α² gᵀd for B = H⁻¹ and d = −Hg). Returns whether H changed.
    /// </summary>
    bool Update(Tensor step, Tensor gradientChange, double stepLength, double slope);

    /// <summary>Forgets all curvature (H = I).</summary>
    void Clear();

    /// <summary>Writes the state under <paramref name="prefix"/>.</summary>
    void Save(OptimizerState state, string prefix);

    /// <summary>Replaces the state with the one <see cref="Save"/> wrote, on <paramref name="device"/>.</summary>
    void Load(OptimizerState state, string prefix, Device device);
}
