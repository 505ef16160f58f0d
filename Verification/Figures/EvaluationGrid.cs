namespace Pinn.Verification.Figures;

/// <summary>
/// Evaluation points recognised as a tensor-product grid: every combination of the distinct values per coordinate
/// occurs exactly once (in any order), as <c>Domain.EvaluationPoints</c> produces for domains of up to 3 dimensions.
/// </summary>
/// <param name="Axes">The distinct values of each coordinate, ascending.</param>
/// <param name="Cells">For each point, its grid index as one number in row-major order (last coordinate fastest).</param>
/// <param name="IsUniform">Whether every axis is equispaced (relative tolerance 1e-6), so a heat map draws it faithfully.</param>
public sealed record EvaluationGrid(double[][] Axes, int[] Cells, bool IsUniform)
{
    /// <summary>Relative tolerance (to the coordinate's range) within which two values count as the same grid line.</summary>
    public const double CoordinateTolerance = 1e-9;

    private const double SpacingTolerance = 1e-6;

    /// <summary>The grid's points per coordinate.</summary>
    public int[] Shape => Axes.Select(a => a.Length).ToArray();

    /// <summary>
    /// The grid of <paramref name="points"/> (N × d), or null when they are not a complete tensor grid with at least
    /// two values per coordinate (or contain a non-finite coordinate, or N = 0).
    /// </summary>
    public static EvaluationGrid? TryDetect(double[,] points)
    {
        ArgumentNullException.ThrowIfNull(points);
        int count = points.GetLength(0), dimension = points.GetLength(1);
        if (count == 0 || dimension == 0)
        {
            return null;
        }
        var axes = new double[dimension][];
        var indices = new int[dimension][];
        long cells = 1;
        for (var k = 0; k < dimension; k++)
        {
            var column = new double[count];
            for (var i = 0; i < count; i++)
            {
                column[i] = points[i, k];
                if (!double.IsFinite(column[i]))
                {
                    return null;
                }
            }
            (axes[k], indices[k]) = Distinct(column);
            cells *= axes[k].Length;
            if (axes[k].Length < 2 || cells > count)
            {
                return null;
            }
        }
        if (cells != count)
        {
            return null;
        }
        var flat = new int[count];
        var seen = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var cell = 0;
            for (var k = 0; k < dimension; k++)
            {
                cell = cell * axes[k].Length + indices[k][i];
            }
            if (seen[cell])
            {
                return null;
            }
            seen[cell] = true;
            flat[i] = cell;
        }
        return new EvaluationGrid(axes, flat, axes.All(Equispaced));
    }

    /// <summary>
    /// A 2-D grid's values as a matrix indexed [index along coordinate 0, index along coordinate 1] (the layout of
    /// OxyPlot's heat map data).
    /// </summary>
    /// <exception cref="InvalidOperationException">The grid is not two-dimensional.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> has not one value per point.</exception>
    public double[,] ToMatrix(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (Axes.Length != 2)
        {
            throw new InvalidOperationException($"a matrix needs a 2-D grid; this one has {Axes.Length} dimensions.");
        }
        if (values.Count != Cells.Length)
        {
            throw new ArgumentException($"{values.Count} values given for a grid of {Cells.Length} points.", nameof(values));
        }
        var columns = Axes[1].Length;
        var matrix = new double[Axes[0].Length, columns];
        for (var i = 0; i < Cells.Length; i++)
        {
            matrix[Cells[i] / columns, Cells[i] % columns] = values[i];
        }
        return matrix;
    }

    /// <summary>Sorted distinct values (merging values closer than the tolerance) and each input's index among them.</summary>
    private static (double[] Values, int[] Index) Distinct(double[] column)
    {
        var order = Enumerable.Range(0, column.Length).OrderBy(i => column[i]).ToArray();
        var range = column[order[^1]] - column[order[0]];
        var tolerance = CoordinateTolerance * Math.Max(range, double.Epsilon);
        var values = new List<double>();
        var index = new int[column.Length];
        var groupStart = double.NaN;
        foreach (var i in order)
        {
            if (values.Count == 0 || column[i] - groupStart > tolerance)
            {
                groupStart = column[i];
                values.Add(column[i]);
            }
            index[i] = values.Count - 1;
        }
        return (values.ToArray(), index);
    }

    private static bool Equispaced(double[] axis)
    {
        var step = (axis[^1] - axis[0]) / (axis.Length - 1);
        for (var i = 1; i < axis.Length; i++)
        {
            if (Math.Abs(axis[i] - axis[i - 1] - step) > SpacingTolerance * Math.Abs(step))
            {
                return false;
            }
        }
        return true;
    }
}
