using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Physics.Tests;

public class CoonsPatchTests
{
    private static readonly (double, double) X = (-0.5, 1), Y = (-0.5, 1.5);

    // g(x, y) = sin(a x + 0.3) cos(b y) + c x y²: smooth, not bilinear.
    private static Tensor G(Tensor p, double a, double b, double c) =>
        (a * p[.., 0] + 0.3).sin() * (b * p[.., 1]).cos() + c * p[.., 0] * p[.., 1].square();

    [Property(MaxTest = 30)]
    public Property Interpolant_EqualsTheDataOnEverySide(NormalFloat a0, NormalFloat b0, NormalFloat c0)
    {
        double a = Math.Clamp(a0.Get, -5, 5), b = Math.Clamp(b0.Get, -5, 5), c = Math.Clamp(c0.Get, -5, 5);
        using var scope = NewDisposeScope();
        var s = linspace(0, 1, 17, dtype: ScalarType.Float64);
        Tensor Along(double fixedValue, int axis, (double Lower, double Upper) range)
        {
            var free = range.Lower + (range.Upper - range.Lower) * s;
            var constant = full_like(free, fixedValue);
            return axis == 0 ? stack([constant, free], 1) : stack([free, constant], 1);
        }
        var sides = cat([Along(X.Item1, 0, Y), Along(X.Item2, 0, Y), Along(Y.Item1, 1, X), Along(Y.Item2, 1, X)]);
        var patch = CoonsPatch.Interpolate(sides, X, Y, q => G(q, a, b, c));
        double error = (patch - G(sides, a, b, c)).abs().max().item<double>();
        return (error <= 1e-13).Label($"max |A − g| on the sides = {error:E3}");
    }

    [Fact]
    public void Interpolant_ReproducesBilinearData_EverywhereAndKeepsColumns()
    {
        using var scope = NewDisposeScope();
        var p = rand(50, 2, dtype: ScalarType.Float64) * tensor(new[] { 1.5, 2.0 }, dtype: ScalarType.Float64) - 0.5;
        Tensor Bilinear(Tensor q) => stack([1 + 2 * q[.., 0] - 3 * q[.., 1] + 0.5 * q[.., 0] * q[.., 1], q[.., 0] * q[.., 1]], 1);
        var patch = CoonsPatch.Interpolate(p, X, Y, Bilinear);
        Assert.Equal(new long[] { 50, 2 }, patch.shape);
        Assert.True((patch - Bilinear(p)).abs().max().item<double>() <= 1e-14);
    }

    [Fact]
    public void Interpolate_NonPlanarPoints_Throws() =>
        Assert.Throws<ArgumentException>(() => CoonsPatch.Interpolate(zeros(4, 3, dtype: ScalarType.Float64), X, Y, q => q[.., 0]));
}
