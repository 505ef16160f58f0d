using Pinn.Physics;
using Pinn.Problems;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

public class TrainerTests
{
    private static long Live() => TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    [Fact]
    public void Run_AdamThenLbfgs_LossFiniteAndDecreasing()
    {
        var problem = new Poisson2d().Create(new ProblemOptions(100, 40));
        using var net = new Mlp(new MlpOptions(2, [16], Seed: 1), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        var run = Trainer.For(problem, net).Using("adam:30:lr=1e-2,lbfgs:30").With(new TrainingOptions(EvaluateEvery: 10, EvaluationPoints: 400)).Run();
        Assert.Equal(2, run.Phases.Count);
        Assert.All(run.History, h => Assert.True(double.IsFinite(h.Loss)));
        Assert.True(run.Loss < run.History[0].Loss / 10, $"loss {run.History[0].Loss} -> {run.Loss}");
        Assert.True(run.RelativeL2 < 0.5);
        Assert.Contains(run.History, h => !double.IsNaN(h.RelativeL2));
    }

    [Fact]
    public void Run_ManySteps_LiveTensorCountDoesNotGrow()
    {
        var problem = new Heat1d().Create(new ProblemOptions(64, 20));
        using var net = new Mlp(new MlpOptions(2, [8], Seed: 1));
        // Warm-up run, then two runs of different length must leave the same number of live tensors.
        Trainer.For(problem, net).Using("adam:5,lbfgs:5").With(new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 100)).Run();
        long before = Live();
        Trainer.For(problem, net).Using("adam:40,lbfgs:20").With(new TrainingOptions(EvaluateEvery: 5, EvaluationPoints: 100)).Run();
        long after = Live();
        Assert.True(after - before <= 2, $"live tensors grew by {after - before}");
    }

    [Theory]
    [InlineData("lm:5")]
    [InlineData("engd:5")]
    [InlineData("adam:5")]
    public void Run_EveryOptimizerFamily_RecordsTermLossesThatSumToTheLoss(string spec)
    {
        // Residual-based optimizers (lm) evaluate r(θ), not the loss: their history used to hold zeros per term.
        var problem = new Poisson2d().Create(new ProblemOptions(100, 40));
        using var net = new Mlp(new MlpOptions(2, [8], Seed: 1), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        var run = Trainer.For(problem, net).Using(spec).With(new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 100)).Run();
        var row = run.History[0];
        Assert.All(row.TermLosses, t => Assert.True(t > 0, $"{spec}: a term loss of {t}"));
        Assert.True(Math.Abs(row.TermLosses.Sum() - row.Loss) <= 1e-10 * row.Loss, $"{spec}: terms sum to {row.TermLosses.Sum()}, loss {row.Loss}");
    }
}

public class OptimizerCatalogueOnPinnTests
{
    public static TheoryData<string> Names => new(Pinn.Optimizers.OptimizerCatalog.Default.Descriptors.Select(d => d.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryOptimizer_SmallPoisson2d_FiniteAndDecreasingLoss(string name)
    {
        var problem = new Poisson2d().Create(new ProblemOptions(49, 24));
        using var net = new Mlp(new MlpOptions(2, [8], Seed: 3), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        double first;
        using (var objective = new Pinn.Solver.Engine.PinnObjective(problem, net)) first = objective.Value(net.Parameters);
        var run = Trainer.For(problem, net).Using($"{name}:15").With(new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 100)).Run();
        Assert.All(run.History, h => Assert.True(double.IsFinite(h.Loss), $"{name}: non-finite loss at step {h.Step}"));
        Assert.True(run.Loss < first, $"{name}: loss {first} -> {run.Loss}");
    }
}

public class DivergenceTests
{
    [Theory]
    [InlineData("engd:10")]
    [InlineData("lm:10")]
    [InlineData("lbfgs:10")]
    [InlineData("adam:10")]
    public void Run_ResidualThatTurnsNaN_StopsWithAReasonInsteadOfCrashing(string spec)
    {
        // √u is NaN wherever the network is negative: the loss is NaN from the start.
        var problem = Problem.On(Pinn.Physics.Domain.Box((0, 1)))
            .Interior(Pinn.Physics.Sample.Grid(16), (u, x) => u.Value.sqrt() - 1)
            .WithSolution(x => TorchSharp.torch.ones(x.shape[0], dtype: TorchSharp.torch.ScalarType.Float64));
        using var net = new Mlp(new MlpOptions(1, [6], Seed: 2), [0.0], [1.0]);
        var run = Trainer.For(problem, net).Using(spec).With(new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 50)).Run();
        Assert.Single(run.Phases);
        Assert.Equal(Pinn.Optimizers.StopReason.NonFinite, run.Phases[0].Stop);
    }
}
