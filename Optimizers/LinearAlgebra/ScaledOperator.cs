using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>The multiple c A of an operator; build it with <see cref="LinearOperator.Scale"/>.</summary>
public sealed class ScaledOperator : ILinearOperator
{
    /// <summary>c A for a finite factor c.</summary>
    public ScaledOperator(ILinearOperator inner, double factor)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!double.IsFinite(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "the factor must be finite.");
        }
        Inner = inner;
        Factor = factor;
    }

    /// <summary>A.</summary>
    public ILinearOperator Inner { get; }

    /// <summary>c.</summary>
    public double Factor { get; }

    /// <inheritdoc />
    public long Rows => Inner.Rows;

    /// <inheritdoc />
    public long Columns => Inner.Columns;

    /// <inheritdoc />
    public Tensor Apply(Tensor v) => Inner.Apply(v).mul_(Factor);

    /// <inheritdoc />
    public Tensor ApplyAdjoint(Tensor u) => Inner.ApplyAdjoint(u).mul_(Factor);

    /// <inheritdoc />
    public Tensor ToDense() => Inner.ToDense().mul_(Factor);
}
