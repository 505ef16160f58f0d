using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Physics.Tests;

public class FieldTests
{
    // u(x, y) = sin(a x) cos(b y) + c x² y: derivatives in closed form.
    private static Tensor U(Tensor p, double a, double b, double c) =>
        (a * p[.., 0]).sin() * (b * p[.., 1]).cos() + c * p[.., 0].square() * p[.., 1];

    [Property(MaxTest = 30)]
    public Property AutogradField_DerivativesOfSmoothFunction_MatchClosedForms(NormalFloat a0, NormalFloat b0, NormalFloat c0, int seed)
    {
        double a = Math.Clamp(a0.Get, -5, 5), b = Math.Clamp(b0.Get, -5, 5), c = Math.Clamp(c0.Get, -5, 5);
        using var scope = NewDisposeScope();
        var x = Points.ToTensor(new Box((0, 1), (0, 1)).FromUnit(Halton.Points(40, 2, seed & 1023)));
        var u = new Field(new AutogradSource(p => U(p, a, b, c), x));
        var X = x[.., 0]; var Y = x[.., 1];
        var ux = a * (a * X).cos() * (b * Y).cos() + 2 * c * X * Y;
        var uy = -b * (a * X).sin() * (b * Y).sin() + c * X.square();
        var uxx = -a * a * (a * X).sin() * (b * Y).cos() + 2 * c * Y;
        var uyy = -b * b * (a * X).sin() * (b * Y).cos();
        var uxy = -a * b * (a * X).cos() * (b * Y).sin() + 2 * c * X;
        double err = new[]
        {
            (u.D(0) - ux).abs().max(), (u.D(1) - uy).abs().max(), (u.D2(0) - uxx).abs().max(),
            (u.Laplacian() - uxx - uyy).abs().max(), (u.Mixed(0, 1) - uxy).abs().max(),
        }.Max(t => t.item<double>());
        return (err < 1e-12).Label($"max error {err}");
    }

    [Fact]
    public void AutogradField_LinearAndConstantFunctions_HaveZeroHigherDerivatives()
    {
        // u = 2x + 3 has a constant gradient (no graph left to differentiate) and u = 5 none at all: both must give
        // zeros, not abort in libtorch.
        using var scope = NewDisposeScope();
        var x = Points.ToTensor(new Box((0, 1), (0, 1)).FromUnit(Halton.Points(5, 2)));
        var linear = new Field(new AutogradSource(p => 2 * p[.., 0] + 3, x));
        var constant = new Field(new AutogradSource(p => full(p.shape[0], 5.0, dtype: ScalarType.Float64), x));
        Assert.Equal(2.0, linear.D(0).min().item<double>());
        Assert.Equal(0.0, linear.D2(0).abs().max().item<double>());
        Assert.Equal(0.0, linear.Mixed(0, 1).abs().max().item<double>());
        Assert.Equal(0.0, constant.D(1).abs().max().item<double>());
        Assert.Equal(0.0, constant.Laplacian().abs().max().item<double>());
    }

    [Fact]
    public void Field_TimeDependent_LaplacianExcludesTime()
    {
        using var scope = NewDisposeScope();
        var x = Points.ToTensor(new Box((0, 1), (0, 1)).FromUnit(Halton.Points(10, 2, 1 & 1023)));
        var u = new Field(new AutogradSource(p => p[.., 0].square() + p[.., 1].square(), x), timeIndex: 1);
        Assert.Equal(2.0, u.Laplacian().max().item<double>(), 12);
        Assert.Equal(2.0, u.Laplacian().min().item<double>(), 12);
    }

    [Fact]
    public void RecordingSource_Laplacian_RecordsOneSecondOrderChannel()
    {
        using var scope = NewDisposeScope();
        var src = new RecordingSource(5, 2, 1);
        var u = new Field(src);
        _ = u.Laplacian() + u.Laplacian() + u.Value;
        Assert.True(src.Request.NeedsFirst);
        Assert.Single(src.Request.SecondOrder);
        Assert.True(src.Request.TaylorCompatible);
        _ = u.Mixed(0, 1);
        Assert.False(src.Request.TaylorCompatible);
    }

    [Fact]
    public void Field_MissingOutput_ThrowsWithMessage()
    {
        var u = new Field(new RecordingSource(3, 2, 1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => u.Output(1));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void Problem_DuplicateTermName_Throws()
    {
        var p = Problem.On(Domain.Box((0, 1))).Interior(Sample.Grid(10), (u, x) => u.D2(0));
        Assert.Throws<ArgumentException>(() => p.Interior(Sample.Grid(10), (u, x) => u.Value));
    }
}
