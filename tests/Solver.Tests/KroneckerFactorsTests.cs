using Pinn.Optimizers;
using Pinn.Physics;
using Pinn.Problems;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

public class KroneckerFactorsTests
{
    private static double Relative(Tensor a, Tensor b) => ((a - b).abs().max() / (b.abs().max() + 1e-300)).item<double>();

    private static (Problem Problem, Mlp Net) Setup(string name, int[] hidden, int seed = 3)
    {
        var problem = ProblemCatalog.Get(name).Create(new ProblemOptions(49, 16));
        var net = new Mlp(new MlpOptions(2, hidden, Seed: seed), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        return (problem, net);
    }

    [Theory]
    [InlineData("poisson2d")]
    [InlineData("heat1d")]
    public void OutputLayer_KfacBlockEqualsGaussNewtonBlock(string name)
    {
        using var scope = NewDisposeScope();
        var (problem, net) = Setup(name, [7, 5]);
        using var _ = net;
        using var objective = new PinnObjective(problem, net);
        var (_, jacobian) = objective.ResidualsAndJacobian(net.Parameters);
        var evaluation = objective.KroneckerFactors(net.Parameters);
        var last = net.Layers[^1];
        var columns = jacobian.narrow(1, last.WeightOffset, last.End - last.WeightOffset);

        var kfac = evaluation.Factors[^1].Select(t => kron(t.Output, t.Input)).Aggregate((a, b) => a + b);

        Assert.Equal(objective.Terms.Count, evaluation.Factors[^1].Count);
        Assert.True(Relative(kfac, columns.t().matmul(columns)) < 1e-12);
    }

    [Theory]
    [InlineData("poisson2d")]
    [InlineData("heat1d")]
    public void Factors_AreSymmetricPsdAndGradientMatchesAutograd(string name)
    {
        using var scope = NewDisposeScope();
        var (problem, net) = Setup(name, [6, 6]);
        using var _ = net;
        using var objective = new PinnObjective(problem, net);
        var (loss, gradient) = objective.ValueAndGradient(net.Parameters);

        var evaluation = objective.KroneckerFactors(net.Parameters);

        Assert.Equal(loss, evaluation.Loss, 1e-13 * loss);
        Assert.True(Relative(evaluation.Gradient, gradient) < 1e-11, $"gradient differs by {Relative(evaluation.Gradient, gradient):E2}");
        Assert.Equal(net.Layers.Count, evaluation.Factors.Count);
        for (int l = 0; l < net.Layers.Count; l++)
        {
            Assert.Equal(objective.Terms.Count, evaluation.Factors[l].Count);
            foreach (var term in evaluation.Factors[l])
            {
                Assert.Equal(new long[] { net.Layers[l].In + 1, net.Layers[l].In + 1 }, term.Input.shape);
                Assert.Equal(new long[] { net.Layers[l].Out, net.Layers[l].Out }, term.Output.shape);
                foreach (var f in new[] { term.Input, term.Output })
                {
                    Assert.Equal(0.0, Relative(f, f.t()));
                    var smallest = linalg.eigvalsh(f).min().item<double>();
                    Assert.True(smallest >= -1e-12 * f.abs().max().item<double>(), $"eigenvalue {smallest:E2}");
                }
            }
        }
        // Heat: interior (derivatives) in group 0, initial and boundary (values) in group 1.
        Assert.Equal(objective.Terms.Count == 3 ? new[] { 0, 1, 1 } : new[] { 0, 1 }, evaluation.Factors[0].Select(t => t.Group).ToArray());
    }

    [Fact]
    public void Kfac_Poisson2d_ReducesTheLoss()
    {
        using var scope = NewDisposeScope();
        var (problem, net) = Setup("poisson2d", [16]);
        using var _ = net;
        using var objective = new PinnObjective(problem, net);
        using var kfac = new Kfac();
        var theta = net.Parameters;
        var initial = objective.Value(theta);
        for (int i = 0; i < 30; i++)
        {
            using var step = NewDisposeScope();
            var result = kfac.Step(objective, theta);
            Assert.True(result.Stop is StopReason.None, result.Message);
        }
        var final = objective.Value(theta);
        Assert.True(final < 1e-2 * initial, $"loss {initial:E3} → {final:E3}");
    }

    [Theory]
    [InlineData("kfac:10")]
    [InlineData("kfac:10:auto=true")]
    public void Run_ResidualThatTurnsNaN_StopsWithNonFinite(string spec)
    {
        var problem = Problem.On(Domain.Box((0, 1)))
            .Interior(Sample.Grid(16), (u, x) => u.Value.sqrt() - 1)
            .WithSolution(x => ones(x.shape[0], dtype: ScalarType.Float64));
        using var net = new Mlp(new MlpOptions(1, [6], Seed: 2), [0.0], [1.0]);
        var run = Pinn.Solver.Training.Trainer.For(problem, net).Using(spec)
            .With(new Pinn.Solver.Training.TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 50)).Run();
        Assert.Equal(StopReason.NonFinite, Assert.Single(run.Phases).Stop);
    }

    [Fact]
    public void KfacStar_Poisson2d_ReducesTheLoss()
    {
        using var scope = NewDisposeScope();
        var (problem, net) = Setup("poisson2d", [16]);
        using var _ = net;
        using var objective = new PinnObjective(problem, net);
        using var kfac = new Kfac(new KfacOptions { Auto = true });
        var initial = objective.Value(net.Parameters);
        for (int i = 0; i < 30; i++)
        {
            using var step = NewDisposeScope();
            Assert.Equal(StopReason.None, kfac.Step(objective, net.Parameters).Stop);
        }
        var final = objective.Value(net.Parameters);
        Assert.True(final < 1e-1 * initial, $"loss {initial:E3} → {final:E3}");
    }

    [Fact]
    public void KroneckerFactors_PeriodicTerm_ThrowsNotSupported()
    {
        using var scope = NewDisposeScope();
        var problem = Problem.On(Domain.SpaceTime(Domain.Box((0, 2 * Math.PI)), (0, 1)))
            .Interior(Sample.Grid(25), (u, x) => u.Dt() + u.D(0))
            .Periodic(0, Sample.Grid(6));
        using var net = new Mlp(new MlpOptions(2, [5], Seed: 1));
        using var objective = new PinnObjective(problem, net);
        var error = Assert.Throws<NotSupportedException>(() => objective.KroneckerFactors(net.Parameters));
        Assert.Contains("periodic", error.Message);
    }
}
