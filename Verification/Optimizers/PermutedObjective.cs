using Pinn.Optimizers;
using static TorchSharp.torch;

namespace Pinn.Verification.Optimizers;

/// <summary>g(φ) = f(Pᵀφ) for a permutation P (φ = Pθ: the same parameters in another order): g's gradient is P∇f.
/// An optimizer that treats coordinates alike takes the same steps on g as on f, in permuted order.</summary>
internal sealed class PermutedObjective(IObjective inner, long[] order) : IObjective, IDisposable
{
    // φ[i] = θ[order[i]], so θ = φ[inverse]
    private readonly Tensor _order = tensor(order).DetachFromDisposeScope();
    private readonly Tensor _inverse = tensor(Inverse(order)).DetachFromDisposeScope();

    public long ParameterCount => inner.ParameterCount;

    public long Revision => inner.Revision;

    /// <summary>θ in the permuted order (a fresh tensor).</summary>
    public Tensor Permute(Tensor theta) => theta.index_select(0, _order);

    /// <summary>φ back in the original order (a fresh tensor).</summary>
    public Tensor Unpermute(Tensor phi) => phi.index_select(0, _inverse);

    public double Value(Tensor phi)
    {
        using var scope = NewDisposeScope();
        return inner.Value(Unpermute(phi));
    }

    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor phi)
    {
        using var scope = NewDisposeScope();
        var (loss, gradient) = inner.ValueAndGradient(Unpermute(phi));
        return (loss, Permute(gradient).MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        _order.Dispose();
        _inverse.Dispose();
    }

    private static long[] Inverse(long[] order)
    {
        var inverse = new long[order.Length];
        for (var i = 0; i < order.Length; i++) inverse[order[i]] = i;
        return inverse;
    }
}
