namespace Pinn.Verification;

/// <summary>
/// One named float64 array of network parameters, e.g. <c>layer0/weight</c> of shape [out, in], stored at
/// <c>/network/&lt;Name&gt;</c> in a results file.
/// </summary>
/// <param name="Name">Path below <c>/network</c>: '/'-separated HDF5 names, e.g. <c>"layer0/bias"</c>.</param>
/// <param name="Shape">Dimensions (rank ≥ 1, each ≥ 0).</param>
/// <param name="Values">The elements in row-major (C) order; as many as the product of <see cref="Shape"/>.</param>
public sealed record ParameterArray(string Name, long[] Shape, double[] Values)
{
    /// <summary>A rank-2 array (e.g. a weight matrix [out, in]).</summary>
    public static ParameterArray FromMatrix(string name, double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var values = new double[matrix.Length];
        Buffer.BlockCopy(matrix, 0, values, 0, matrix.Length * sizeof(double));
        return new ParameterArray(name, [matrix.GetLength(0), matrix.GetLength(1)], values);
    }

    /// <summary>A rank-1 array (e.g. a bias vector).</summary>
    public static ParameterArray FromVector(string name, double[] vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return new ParameterArray(name, [vector.Length], (double[])vector.Clone());
    }

    /// <summary>The values as a matrix; only for rank 2.</summary>
    public double[,] ToMatrix()
    {
        if (Shape.Length != 2)
        {
            throw new InvalidOperationException($"parameter '{Name}' has rank {Shape.Length}, not 2.");
        }
        var matrix = new double[Shape[0], Shape[1]];
        Buffer.BlockCopy(Values, 0, matrix, 0, Values.Length * sizeof(double));
        return matrix;
    }

    /// <summary>The path segments of <see cref="Name"/> after checking them.</summary>
    internal string[] PathSegments()
    {
        RecordChecks.Text(Name, "parameter name");
        var segments = Name.Split('/');
        foreach (var segment in segments)
        {
            RecordChecks.Name(segment, $"a segment of parameter name '{Name}'");
        }
        return segments;
    }

    /// <summary>Checks name, shape and element count; throws <see cref="ArgumentException"/>.</summary>
    internal void Validate()
    {
        PathSegments();
        RecordChecks.NotNull(Shape, $"shape of parameter '{Name}'");
        RecordChecks.NotNull(Values, $"values of parameter '{Name}'");
        if (Shape.Length == 0 || Shape.Any(d => d < 0))
        {
            throw RecordChecks.Fail(
                $"parameter '{Name}' has shape [{string.Join(", ", Shape)}]; the rank must be at least 1 and each dimension non-negative.");
        }
        var count = Shape.Aggregate(1L, (product, d) => product * d);
        if (count != Values.Length)
        {
            throw RecordChecks.Fail(
                $"parameter '{Name}' has shape [{string.Join(", ", Shape)}] ({count} elements) but {Values.Length} values.");
        }
    }
}
