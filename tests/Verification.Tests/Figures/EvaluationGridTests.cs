using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Verification.Figures;

namespace Pinn.Verification.Tests.Figures;

public class EvaluationGridTests
{
    private static double F(double x, double y) => 3 * x - 7 * y * y + x * y;

    [Property(MaxTest = 60)]
    public Property TryDetect_ShuffledClosedGrid_RecoversAxesAndArrangesValues(PositiveInt a, PositiveInt b, int seed)
    {
        int nx = 2 + a.Get % 12, ny = 2 + b.Get % 12;
        double x0 = seed % 5, y0 = -(seed % 3), width = 1 + Math.Abs(seed % 4);
        var rows = new List<(double X, double Y)>();
        for (var i = 0; i < nx; i++)
        {
            for (var j = 0; j < ny; j++)
            {
                rows.Add((x0 + width * i / (nx - 1), y0 + 2.0 * j / (ny - 1)));
            }
        }
        var shuffled = rows.OrderBy(_ => new Random(seed + rows.Count).Next()).ToArray();
        var random = new Random(seed);
        shuffled = rows.OrderBy(_ => random.Next()).ToArray();
        var points = new double[shuffled.Length, 2];
        for (var i = 0; i < shuffled.Length; i++)
        {
            (points[i, 0], points[i, 1]) = shuffled[i];
        }

        var grid = EvaluationGrid.TryDetect(points);

        if (grid is null)
        {
            return false.Label("not detected");
        }
        var matrix = grid.ToMatrix(shuffled.Select(p => F(p.X, p.Y)).ToArray());
        var arranged = Enumerable.Range(0, nx).All(i => Enumerable.Range(0, ny).All(j =>
            matrix[i, j] == F(grid.Axes[0][i], grid.Axes[1][j])));
        return (grid.Shape.SequenceEqual([nx, ny]) && grid.IsUniform && arranged).Label($"{nx} × {ny}");
    }

    [Fact]
    public void TryDetect_DomainLikeGrid_MapsRowMajorCells()
    {
        var grid = EvaluationGrid.TryDetect(FigureSamples.Grid2D(5).Points)!;
        Assert.Equal([5, 5], grid.Shape);
        Assert.Equal(Enumerable.Range(0, 25), grid.Cells);
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], grid.Axes[1]);
    }

    [Fact]
    public void TryDetect_ThreeDimensionalGrid_IsDetected() =>
        Assert.Equal([5, 5, 5], EvaluationGrid.TryDetect(FigureSamples.Grid3D().Points)!.Shape);

    [Fact]
    public void TryDetect_ScatteredPoints_ReturnsNull() =>
        Assert.Null(EvaluationGrid.TryDetect(FigureSamples.Scattered2D(100).Points));

    [Fact]
    public void TryDetect_GridMissingOnePointOrWithADuplicate_ReturnsNull()
    {
        var points = FigureSamples.Grid2D(4).Points;
        var missing = new double[15, 2];
        Array.Copy(points, missing, 30);
        Assert.Null(EvaluationGrid.TryDetect(missing));

        var duplicate = (double[,])points.Clone();
        duplicate[15, 0] = duplicate[14, 0];
        duplicate[15, 1] = duplicate[14, 1];
        Assert.Null(EvaluationGrid.TryDetect(duplicate));
    }

    [Fact]
    public void TryDetect_NonFiniteOrDegenerate_ReturnsNull()
    {
        Assert.Null(EvaluationGrid.TryDetect(new double[,] { { 0, 0 }, { double.NaN, 1 }, { 1, 0 }, { 1, 1 } }));
        Assert.Null(EvaluationGrid.TryDetect(new double[,] { { 0, 0 }, { 0, 1 } }));   // one x value
        Assert.Null(EvaluationGrid.TryDetect(new double[0, 2]));
    }

    [Fact]
    public void TryDetect_RoundOffInCoordinates_StillAGrid()
    {
        var points = FigureSamples.Grid2D(6).Points;
        for (var i = 0; i < points.GetLength(0); i++)
        {
            points[i, 0] += i % 2 == 0 ? 1e-14 : -1e-14;
        }
        Assert.Equal([6, 6], EvaluationGrid.TryDetect(points)!.Shape);
    }

    [Fact]
    public void TryDetect_TensorGridWithUnequalSpacing_IsNotUniform()
    {
        double[] xs = [0, 0.1, 0.5, 1], ys = [0, 1];
        var points = new double[8, 2];
        for (var i = 0; i < 8; i++)
        {
            (points[i, 0], points[i, 1]) = (xs[i / 2], ys[i % 2]);
        }
        var grid = EvaluationGrid.TryDetect(points)!;
        Assert.False(grid.IsUniform);
    }

    [Fact]
    public void ToMatrix_WrongCountOrDimension_Throws()
    {
        var grid = EvaluationGrid.TryDetect(FigureSamples.Grid2D(3).Points)!;
        Assert.Throws<ArgumentException>(() => grid.ToMatrix(new double[8]));
        Assert.Throws<InvalidOperationException>(() => EvaluationGrid.TryDetect(FigureSamples.Grid3D().Points)!.ToMatrix(new double[125]));
    }
}
