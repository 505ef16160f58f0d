using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>An explicit float64 matrix as an <see cref="ILinearOperator"/> (e.g. a dense Jacobian J).</summary>
/// <remarks>The operator keeps a reference to <see cref="Matrix"/> and does not own it: the caller keeps it
/// alive and disposes it.</remarks>
public sealed class DenseOperator : ILinearOperator
{
    /// <summary>Wraps <paramref name="matrix"/>, a 2-D float64 tensor.</summary>
    public DenseOperator(Tensor matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.dim() != 2 || matrix.dtype != ScalarType.Float64)
        {
            throw new ArgumentException(
                $"a dense operator needs a 2-D float64 matrix; got {matrix.dtype} of shape {ThetaChecks.Shape(matrix)}.",
                nameof(matrix));
        }
        Matrix = matrix;
    }

    /// <summary>The wrapped matrix (not a copy).</summary>
    public Tensor Matrix { get; }

    /// <inheritdoc />
    public long Rows => Matrix.shape[0];

    /// <inheritdoc />
    public long Columns => Matrix.shape[1];

    /// <inheritdoc />
    public Tensor Apply(Tensor v)
    {
        LinearOperator.CheckOperand(v, Columns, Matrix, "v");
        return Matrix.matmul(v);
    }

    /// <inheritdoc />
    public Tensor ApplyAdjoint(Tensor u)
    {
        LinearOperator.CheckOperand(u, Rows, Matrix, "u");
        return Matrix.t().matmul(u);
    }

    /// <inheritdoc />
    public Tensor ToDense() => Matrix.clone();
}
