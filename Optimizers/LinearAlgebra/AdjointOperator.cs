using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>The adjoint (transpose) Aᵀ of an operator A; build it with <see cref="LinearOperator.Adjoint"/>.</summary>
public sealed class AdjointOperator : ILinearOperator
{
    /// <summary>Aᵀ of <paramref name="inner"/>.</summary>
    public AdjointOperator(ILinearOperator inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The operator A whose adjoint this is.</summary>
    public ILinearOperator Inner { get; }

    /// <inheritdoc />
    public long Rows => Inner.Columns;

    /// <inheritdoc />
    public long Columns => Inner.Rows;

    /// <inheritdoc />
    public Tensor Apply(Tensor v) => Inner.ApplyAdjoint(v);

    /// <inheritdoc />
    public Tensor ApplyAdjoint(Tensor u) => Inner.Apply(u);

    /// <inheritdoc />
    public Tensor ToDense()
    {
        using var dense = Inner.ToDense();
        return dense.t().contiguous();
    }
}
