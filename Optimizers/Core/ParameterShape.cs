namespace Pinn.Optimizers;

/// <summary>
/// One parameter tensor inside the flat vector θ: a matrix of <see cref="Rows"/> × <see cref="Columns"/>
/// entries stored row-major from <see cref="Offset"/>, or a vector (<see cref="IsVector"/>) of
/// <see cref="Rows"/> entries. A vector is kept apart from a one-column matrix because matrix
/// optimizers treat a bias (1-D) differently from a weight with a single input (2-D), as PyTorch does.
/// </summary>
/// <param name="Offset">Index of the first entry in θ.</param>
/// <param name="Rows">Rows of the matrix (for a layer weight: its outputs), or the length of a vector.</param>
/// <param name="Columns">Columns of the matrix (for a layer weight: its inputs); 1 for a vector.</param>
/// <param name="IsVector">True for a 1-D parameter such as a bias.</param>
public readonly record struct ParameterShape(long Offset, long Rows, long Columns, bool IsVector)
{
    /// <summary>A row-major matrix [rows, columns] at <paramref name="offset"/>.</summary>
    public static ParameterShape Matrix(long offset, long rows, long columns) => new(offset, rows, columns, false);

    /// <summary>A vector of <paramref name="length"/> entries at <paramref name="offset"/>.</summary>
    public static ParameterShape Vector(long offset, long length) => new(offset, length, 1, true);

    /// <summary>Number of entries.</summary>
    public long Length => Rows * Columns;

    /// <summary>One past the last entry.</summary>
    public long End => Offset + Length;

    /// <inheritdoc />
    public override string ToString() => IsVector ? $"vector[{Rows}]@{Offset}" : $"matrix[{Rows}x{Columns}]@{Offset}";
}
