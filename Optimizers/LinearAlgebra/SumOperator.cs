using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>The sum A + B of two operators of equal shape; build it with <see cref="LinearOperator.Plus"/>.</summary>
public sealed class SumOperator : ILinearOperator
{
    /// <summary>A + B; both must have the same shape.</summary>
    public SumOperator(ILinearOperator first, ILinearOperator second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Rows != second.Rows || first.Columns != second.Columns)
        {
            throw new ArgumentException(
                $"cannot add a [{first.Rows}, {first.Columns}] operator to a [{second.Rows}, {second.Columns}] one.",
                nameof(second));
        }
        First = first;
        Second = second;
    }

    /// <summary>A.</summary>
    public ILinearOperator First { get; }

    /// <summary>B.</summary>
    public ILinearOperator Second { get; }

    /// <inheritdoc />
    public long Rows => First.Rows;

    /// <inheritdoc />
    public long Columns => First.Columns;

    /// <inheritdoc />
    public Tensor Apply(Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        return First.Apply(v).add_(Second.Apply(v)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor ApplyAdjoint(Tensor u)
    {
        using var scope = torch.NewDisposeScope();
        return First.ApplyAdjoint(u).add_(Second.ApplyAdjoint(u)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor ToDense()
    {
        using var scope = torch.NewDisposeScope();
        return First.ToDense().add_(Second.ToDense()).MoveToOuterDisposeScope();
    }
}
