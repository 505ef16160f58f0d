using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>The product A B of two operators (B applied first); build it with <see cref="LinearOperator.Compose"/>.</summary>
public sealed class ComposedOperator : ILinearOperator
{
    /// <summary>A B; <paramref name="left"/>.Columns must equal <paramref name="right"/>.Rows.</summary>
    public ComposedOperator(ILinearOperator left, ILinearOperator right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Columns != right.Rows)
        {
            throw new ArgumentException(
                $"cannot compose a [{left.Rows}, {left.Columns}] operator with a [{right.Rows}, {right.Columns}] one: inner sizes differ.",
                nameof(right));
        }
        Left = left;
        Right = right;
    }

    /// <summary>A, applied second.</summary>
    public ILinearOperator Left { get; }

    /// <summary>B, applied first.</summary>
    public ILinearOperator Right { get; }

    /// <inheritdoc />
    public long Rows => Left.Rows;

    /// <inheritdoc />
    public long Columns => Right.Columns;

    /// <inheritdoc />
    public Tensor Apply(Tensor v)
    {
        using var scope = torch.NewDisposeScope();
        return Left.Apply(Right.Apply(v)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor ApplyAdjoint(Tensor u)
    {
        using var scope = torch.NewDisposeScope();
        return Right.ApplyAdjoint(Left.ApplyAdjoint(u)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor ToDense()
    {
        using var scope = torch.NewDisposeScope();
        return Left.Apply(Right.ToDense()).MoveToOuterDisposeScope();
    }
}
