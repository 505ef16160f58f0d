using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class EngdBlockDiagonalTests
{
    [Fact]
    public void Step_Blocks_TakesThePerBlockDenseSolveDirection()
    {
        using var model = new TanhModelResiduals(residuals: 30, hidden: 6, parameters: 12, seed: 4, noise: 0.1);
        var problem = new BlockedResiduals(model, 5, 4, 3);
        using var scope = torch.NewDisposeScope();
        var theta = model.Start.clone();
        var (r, j) = model.ResidualsAndJacobian(theta);
        const double damping = 1e-6;
        var expected = torch.cat(problem.ParameterBlocks.Select(b =>
        {
            var jb = j.narrow(1, b.Offset, b.Length);
            return SymmetricSolve.Solve(jb.t().matmul(jb) + damping * torch.eye(b.Length, dtype: ScalarType.Float64), jb.t().mv(r)).Solution;
        }).ToArray(), 0);

        var (direction, report) = Engd.BlockDirection(r, j, problem.ParameterBlocks, damping);
        using var engd = new Engd(new GramianOptions { Damping = damping, BlockDiagonal = true });
        var before = theta.clone();
        var result = engd.Step(problem, theta);

        Assert.True(report.Succeeded, report.Message);
        Assert.True((direction - expected).abs().max().item<double>() <= 1e-12 * expected.abs().max().item<double>());
        Assert.Equal(StopReason.None, result.Stop);
        var taken = before - theta;
        var eta = taken.dot(expected).item<double>() / expected.dot(expected).item<double>();
        var exponent = -Math.Log2(eta);
        Assert.True(Math.Abs(exponent - Math.Round(exponent)) < 1e-9, $"η = {eta:R} is not a power of two");
        Assert.True((taken - eta * expected).abs().max().item<double>() <= 1e-10 * taken.abs().max().item<double>());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    public void Step_SingleBlock_EqualsPlainEngd(double movingAverage)
    {
        using var model = new TanhModelResiduals(residuals: 20, hidden: 6, parameters: 10, seed: 8, noise: 0.2);
        var problem = new BlockedResiduals(model, 10);
        using var plainTheta = model.Start.clone();
        using var blockTheta = model.Start.clone();
        using var plain = new Engd(new GramianOptions { MovingAverage = movingAverage });
        using var blocked = new Engd(new GramianOptions { MovingAverage = movingAverage, BlockDiagonal = true });

        for (var step = 0; step < 3; step++)
        {
            var a = plain.Step(model, plainTheta);
            var b = blocked.Step(problem, blockTheta);
            Assert.Equal(a.Loss, b.Loss, 1e-14 * (1 + a.Loss));
        }

        using var difference = plainTheta - blockTheta;
        Assert.True(difference.abs().max().item<double>() <= 1e-12, $"θ differ by {difference.abs().max().item<double>():G3}");
    }

    [Fact]
    public void Step_BlocksWithoutParameterBlocks_ThrowsOneLineArgumentExceptionNamingTheFix()
    {
        using var model = new TanhModelResiduals(residuals: 10, hidden: 4, parameters: 6, seed: 1);
        using var theta = model.Start.clone();
        using var engd = Assert.IsType<Engd>(OptimizerCatalog.Default.Create(Assert.Single(OptimizerSpec.Parse("engd:blocks=true"))));

        var error = Assert.Throws<ArgumentException>(() => engd.Step(model, theta));

        Assert.Contains("IParameterBlocks", error.Message);
        Assert.Contains("blocks=false", error.Message);
        Assert.DoesNotContain('\n', error.Message.Split(" (Parameter")[0]);
    }

    [Fact]
    public void Step_BlocksNotCoveringTheParameters_ThrowsArgumentException()
    {
        using var model = new TanhModelResiduals(residuals: 10, hidden: 4, parameters: 6, seed: 1);
        using var theta = model.Start.clone();
        using var engd = new Engd(new GramianOptions { BlockDiagonal = true });

        Assert.Throws<ArgumentException>(() => engd.Step(new BlockedResiduals(model, 2, 3), theta));
    }
}
