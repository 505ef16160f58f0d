using Pinn.Optimizers;
using Pinn.Problems;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

public class PinnHessianTests
{
    [Theory]
    [InlineData("poisson2d")]
    [InlineData("heat1d")]
    public void Expand_Hessian_EqualsCentralDifferencesOfGradients(string name)
    {
        using var scope = NewDisposeScope();
        var problem = ProblemCatalog.Get(name).Create(new ProblemOptions(49, 16));
        using var net = new Mlp(new MlpOptions(2, [5], Seed: 3), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        using var objective = new PinnObjective(problem, net);
        var theta = net.Parameters.clone();
        long p = theta.shape[0];
        using var expansion = objective.Expand(theta);
        var dense = expansion.Hessian.ToDense();
        var columns = new Tensor[p];
        const double h = 1e-5;
        for (long i = 0; i < p; i++)
        {
            var plus = theta.clone(); plus[i] += h;
            var minus = theta.clone(); minus[i] -= h;
            columns[i] = (objective.ValueAndGradient(plus).Gradient - objective.ValueAndGradient(minus).Gradient) / (2 * h);
        }
        var finiteDifference = stack(columns, 1);
        var (loss, gradient) = objective.ValueAndGradient(theta);

        var error = ((dense - finiteDifference).abs().max() / finiteDifference.abs().max()).item<double>();
        Assert.True(error <= 1e-6, $"{name}: relative error of H against differences of gradients {error:G3}");
        Assert.Equal(loss, expansion.Loss, 1e-14 * loss);
        Assert.True((expansion.Gradient - gradient).abs().max().item<double>() <= 1e-14 * (1 + gradient.abs().max().item<double>()));
    }

    [Theory]
    [InlineData("poisson2d")]
    [InlineData("heat1d")]
    public void Expand_TaylorPath_EqualsAutogradPath(string name)
    {
        using var scope = NewDisposeScope();
        var problem = ProblemCatalog.Get(name).Create(new ProblemOptions(64, 20));
        using var net = new Mlp(new MlpOptions(2, [8, 8], Seed: 4), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        using var fast = new PinnObjective(problem, net);
        using var slow = new PinnObjective(problem, net) { ForceAutograd = true };
        var v = randn(net.ParameterCount, dtype: ScalarType.Float64, generator: new TorchSharp.torch.Generator(5));
        using var taylor = fast.Expand(net.Parameters);
        using var nested = slow.Expand(net.Parameters);

        var a = taylor.Hessian.Apply(v);
        var b = nested.Hessian.Apply(v);
        Assert.True(((a - b).abs().max() / b.abs().max()).item<double>() <= 1e-10);
    }

    [Fact]
    public void Nncg_SmallPoissonNetwork_LowersTheLossEveryStep()
    {
        using var scope = NewDisposeScope();
        var problem = new Poisson2d().Create(new ProblemOptions(64, 16));
        using var net = new Mlp(new MlpOptions(2, [6], Seed: 2));
        using var objective = new PinnObjective(problem, net);
        var theta = net.Parameters.clone();
        using var nncg = new Nncg(new NncgOptions { Rank = 8, CgIterations = 40 });
        var previous = objective.Value(theta);

        for (var step = 0; step < 5; step++)
        {
            using var stepScope = NewDisposeScope();
            var result = nncg.Step(objective, theta);
            Assert.Equal(StopReason.None, result.Stop);
            Assert.True(result.Loss < previous, $"step {step + 1}: {result.Loss:G6} ≥ {previous:G6}");
            previous = result.Loss;
        }
    }
}
