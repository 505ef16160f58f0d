using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Physics.Tests;

public class SamplingTests
{
    [Fact]
    public void Grid_UnitSquare900_Gives30By30InteriorPoints()
    {
        var box = new Box((0, 1), (0, 1));
        using var p = box.Draw(Sample.Grid(900), new Random(0));
        Assert.Equal(new long[] { 900, 2 }, p.shape);
        Assert.True(p.min().item<double>() > 0 && p.max().item<double>() < 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Sample_NonPositiveCount_Throws(int n)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample.Uniform(n));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample.Grid(n));
    }

    [Fact]
    public void Box_InvertedSide_Throws() => Assert.Throws<ArgumentException>(() => new Box((1, 0)));

    [Property(MaxTest = 50)]
    public Property BoxBoundary_PointsLieOnTheBoundary(PositiveInt count, int seed, bool grid)
    {
        int n = Math.Min(count.Get, 300);
        var box = new Box((-1, 2), (0, 0.5));
        using var p = new BoxBoundary(box).Draw(grid ? Sample.Grid(n) : Sample.Uniform(n), new Random(seed));
        var a = Points.ToArray(p);
        bool ok = a.GetLength(0) == n;
        for (int i = 0; i < a.GetLength(0); i++)
        {
            double x = a[i, 0], y = a[i, 1];
            bool inside = x >= -1 - 1e-12 && x <= 2 + 1e-12 && y >= -1e-12 && y <= 0.5 + 1e-12;
            bool onEdge = Math.Abs(x + 1) < 1e-12 || Math.Abs(x - 2) < 1e-12 || Math.Abs(y) < 1e-12 || Math.Abs(y - 0.5) < 1e-12;
            ok &= inside && onEdge;
        }
        return ok.ToProperty();
    }

    [Fact]
    public void BoxBoundary_FiveDimensions_EveryPointOnAFace()
    {
        var box = new Box(Enumerable.Repeat((0.0, 1.0), 5).ToArray());
        var a = Points.ToArray(new BoxBoundary(box).Draw(Sample.Uniform(500), new Random(1)));
        for (int i = 0; i < 500; i++)
            Assert.Contains(Enumerable.Range(0, 5), k => a[i, k] == 0 || a[i, k] == 1);
    }

    [Fact]
    public void Halton_FirstValues_MatchRadicalInverse()
    {
        Assert.Equal(0.5, Halton.Value(1, 0));
        Assert.Equal(0.25, Halton.Value(2, 0));
        Assert.Equal(1.0 / 3, Halton.Value(1, 1), 15);
        Assert.Equal(2.0 / 3, Halton.Value(2, 1), 15);
        Assert.Equal(4.0 / 9, Halton.Value(4, 1), 15);
    }

    [Fact]
    public void EvaluationPoints_AtLeastTenThousand_CoverTheClosedDomain()
    {
        var d = Domain.SpaceTime(Domain.Box((0, 1)), (0, 1));
        using var p = d.EvaluationPoints();
        Assert.True(p.shape[0] >= 10_000);
        Assert.Equal(0.0, p.min().item<double>());
        Assert.Equal(1.0, p.max().item<double>());
    }

    [Fact]
    public void PeriodicPairs_HalvesDifferOnlyInThePeriodicCoordinate()
    {
        var d = Domain.SpaceTime(Domain.Box((0, 2 * Math.PI)), (0, 1));
        var a = Points.ToArray(new PeriodicPairs(d.Bounds, 0).Draw(Sample.Grid(50), new Random(0)));
        int n = a.GetLength(0) / 2;
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(0.0, a[i, 0]);
            Assert.Equal(2 * Math.PI, a[n + i, 0]);
            Assert.Equal(a[i, 1], a[n + i, 1]);
        }
    }

    [Fact]
    public void SpaceTimeBoundary_OneDimension_PointsAtBothEnds()
    {
        var d = Domain.SpaceTime(Domain.Box((0, 1)), (0, 1));
        var a = Points.ToArray(d.Boundary.Draw(Sample.Grid(60), new Random(0)));
        Assert.Equal(30, Enumerable.Range(0, 60).Count(i => a[i, 0] == 0));
        Assert.Equal(30, Enumerable.Range(0, 60).Count(i => a[i, 0] == 1));
    }
}
