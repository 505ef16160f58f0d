using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// A + λI for a square operator A: the damped curvature of Levenberg–Marquardt and ENGD (JᵀJ + λI, or
/// JJᵀ + λI in the kernel form); build it with <see cref="LinearOperator.AddIdentity"/>.
/// </summary>
public sealed class ShiftedOperator : ILinearOperator
{
    /// <summary>A + <paramref name="shift"/>·I; A must be square and the shift finite.</summary>
    public ShiftedOperator(ILinearOperator inner, double shift)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (inner.Rows != inner.Columns)
        {
            throw new ArgumentException($"A + λI needs a square operator; got [{inner.Rows}, {inner.Columns}].", nameof(inner));
        }
        if (!double.IsFinite(shift))
        {
            throw new ArgumentOutOfRangeException(nameof(shift), shift, "the shift λ must be finite.");
        }
        Inner = inner;
        Shift = shift;
    }

    /// <summary>A.</summary>
    public ILinearOperator Inner { get; }

    /// <summary>λ.</summary>
    public double Shift { get; }

    /// <inheritdoc />
    public long Rows => Inner.Rows;

    /// <inheritdoc />
    public long Columns => Inner.Columns;

    /// <inheritdoc />
    public Tensor Apply(Tensor v) => Inner.Apply(v).add_(v, Shift);

    /// <inheritdoc />
    public Tensor ApplyAdjoint(Tensor u) => Inner.ApplyAdjoint(u).add_(u, Shift);

    /// <inheritdoc />
    public Tensor ToDense()
    {
        var dense = Inner.ToDense();
        dense.diagonal().add_(Shift);
        return dense;
    }
}
