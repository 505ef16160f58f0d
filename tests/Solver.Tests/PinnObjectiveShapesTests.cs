using Pinn.Optimizers;
using Pinn.Problems;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

public class PinnObjectiveShapesTests
{
    [Fact]
    public void ParameterShapes_TileThetaAndViewTheLayersAsTheNetworkDoes()
    {
        using var scope = NewDisposeScope();
        var problem = new Poisson2d().Create(new ProblemOptions(16, 8));
        using var net = new Mlp(new MlpOptions(2, [5, 3], Seed: 4));
        using var objective = new PinnObjective(problem, net);

        var shapes = objective.ParameterShapes;

        Assert.Equal(6, shapes.Count);
        long next = 0;
        foreach (var s in shapes)
        {
            Assert.Equal(next, s.Offset);
            next = s.End;
        }
        Assert.Equal(net.ParameterCount, next);
        for (var i = 0; i < net.Layers.Count; i++)
        {
            var (weight, bias) = net.Layer(net.Parameters, i);
            var w = shapes[2 * i];
            var b = shapes[2 * i + 1];
            Assert.False(w.IsVector);
            Assert.True(b.IsVector);
            Assert.Equal(weight.shape, new[] { w.Rows, w.Columns });
            Assert.Equal(bias.shape[0], b.Rows);
            Assert.Equal(weight.data<double>().ToArray(), net.Parameters.narrow(0, w.Offset, w.Length).view(w.Rows, w.Columns).data<double>().ToArray());
        }
    }

    [Theory]
    [InlineData("soap:30")]
    [InlineData("shampoo:30")]
    [InlineData("muon:30")]
    public void MatrixOptimizers_OnPoisson_ReduceTheLoss(string spec)
    {
        var problem = new Poisson2d().Create(new ProblemOptions(64, 16));
        using var net = new Mlp(new MlpOptions(2, [8, 8], Seed: 1), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        using var objective = new PinnObjective(problem, net);
        var phase = OptimizerSpec.Parse(spec)[0];
        using var optimizer = OptimizerCatalog.Default.Create(phase);
        var initial = objective.Value(net.Parameters);

        for (var i = 0; i < phase.Steps; i++)
        {
            using var step = NewDisposeScope();
            Assert.Equal(StopReason.None, optimizer.Step(objective, net.Parameters).Stop);
        }

        Assert.True(objective.Value(net.Parameters) < initial, $"{spec}: {initial:G3} → {objective.Value(net.Parameters):G3}");
    }
}
