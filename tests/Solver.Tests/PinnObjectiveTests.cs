using Pinn.Problems;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

public class PinnObjectiveTests
{
    [Theory]
    [InlineData("poisson2d")]
    [InlineData("heat1d")]
    public void Gradient_TaylorPath_EqualsAutogradPath(string name)
    {
        using var scope = NewDisposeScope();
        var problem = ProblemCatalog.Get(name).Create(new ProblemOptions(100, 40));
        using var net = new Mlp(new MlpOptions(2, [12, 12], Seed: 5), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        using var fast = new PinnObjective(problem, net);
        using var slow = new PinnObjective(problem, net) { ForceAutograd = true };
        var (l1, g1) = fast.ValueAndGradient(net.Parameters);
        var (l2, g2) = slow.ValueAndGradient(net.Parameters);
        Assert.Equal(l2, l1, 1e-12 * Math.Abs(l2));
        Assert.True(((g1 - g2).abs().max() / g2.abs().max()).item<double>() < 1e-11);
        Assert.Equal(l1, fast.Value(net.Parameters), 1e-14 * Math.Abs(l1));
        Assert.Equal(l1, fast.LastTermLosses.Sum(), 1e-12 * Math.Abs(l1));
    }

    [Fact]
    public void Gradient_MatchesCentralFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        var problem = new Poisson2d().Create(new ProblemOptions(64, 16));
        using var net = new Mlp(new MlpOptions(2, [6], Seed: 2));
        using var objective = new PinnObjective(problem, net);
        var theta = net.Parameters.clone();
        GradientCheck.MatchesCentralDifferences(objective, theta, 0, 7, 13, theta.shape[0] - 1);
    }

    [Fact]
    public void Constructor_NetworkWithWrongInputCount_Throws()
    {
        var problem = new Poisson2d().Create(new ProblemOptions());
        using var net = new Mlp(new MlpOptions(3, [4]));
        Assert.Throws<ArgumentException>(() => new PinnObjective(problem, net));
    }
}
