using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Physics;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

public class TaylorPassTests
{
    private static readonly Activation[] Activations = Enum.GetValues<Activation>();

    /// <summary>Relative max difference of two tensors.</summary>
    private static double Relative(Tensor a, Tensor b) =>
        ((a - b).abs().max() / (b.abs().max() + 1e-300)).item<double>();

    [Property(MaxTest = 40)]
    public Property Laplacian_RandomMlpAndInputs_EqualsNestedAutograd(PositiveInt dimension, PositiveInt width, PositiveInt depth, int seed, PositiveInt act)
    {
        int d = 1 + dimension.Get % 4, h = 1 + width.Get % 24, layers = 1 + depth.Get % 3;
        var activation = Activations[act.Get % Activations.Length];
        using var scope = NewDisposeScope();
        using var net = new Mlp(new MlpOptions(d, Enumerable.Repeat(h, layers).ToArray(), 1, activation, Seed: seed),
            Enumerable.Repeat(-1.0, d).ToArray(), Enumerable.Repeat(2.0, d).ToArray());
        var x = Points.ToTensor(new Box(Enumerable.Repeat((-1.0, 2.0), d).ToArray()).FromUnit(Halton.Points(17, d, (uint)seed % 1000)));
        var request = new DerivativeRequest();
        var laplace = Enumerable.Repeat(1.0, d).ToArray();
        request.AddValue();
        request.AddFirst();
        request.AddSecond(laplace);
        var taylor = new TaylorSource(net, net.Parameters, x, request);
        var nested = new AutogradSource(p => net.Forward(net.Parameters, p), x);
        double lap = Relative(taylor.Second(laplace, 0), nested.Second(laplace, 0));
        double val = Relative(taylor.Value(0), nested.Value(0));
        double grad = Enumerable.Range(0, d).Max(k => Relative(taylor.First(k, 0), nested.First(k, 0)));
        return (lap <= 1e-10 && val <= 1e-12 && grad <= 1e-10).Label($"{activation} d={d} h={h}x{layers}: lap {lap:E2} grad {grad:E2} value {val:E2}");
    }

    [Fact]
    public void SecondOrderChannels_WeightedAndSingle_EqualNestedAutograd()
    {
        using var scope = NewDisposeScope();
        using var net = new Mlp(new MlpOptions(3, [16, 16], 2, Activation.Gelu, Seed: 3));
        var x = Points.ToTensor(Halton.Points(20, 3));
        var request = new DerivativeRequest();
        double[] uxx = [1, 0, 0], weighted = [0.5, -2, 0.25];
        request.AddSecond(uxx);
        request.AddValue();
        request.AddSecond(weighted);
        var taylor = new TaylorSource(net, net.Parameters, x, request);
        var nested = new AutogradSource(p => net.Forward(net.Parameters, p), x);
        for (int o = 0; o < 2; o++)
        {
            Assert.True(Relative(taylor.Second(uxx, o), nested.Second(uxx, o)) < 1e-12);
            Assert.True(Relative(taylor.Second(weighted, o), nested.Second(weighted, o)) < 1e-12);
        }
    }

    [Fact]
    public void Run_MismatchedPoints_ThrowsInsteadOfAborting()
    {
        using var net = new Mlp(new MlpOptions(2, [8]));
        using var x = zeros(5, 3, dtype: ScalarType.Float64);
        Assert.Throws<ArgumentException>(() => TaylorPass.Run(net, net.Parameters, x, new DerivativeRequest()));
        using var f = zeros(5, 2, dtype: ScalarType.Float32);
        Assert.Throws<ArgumentException>(() => TaylorPass.Run(net, net.Parameters, f, new DerivativeRequest()));
    }
}
