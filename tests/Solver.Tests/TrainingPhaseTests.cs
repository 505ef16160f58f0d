using Pinn.Optimizers;
using Pinn.Problems;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>The training API takes optimizer objects and factories as well as spec strings; an optimizer need not be in the catalogue.</summary>
public class TrainingPhaseTests
{
    /// <summary>Plain gradient descent, known to no catalogue: the trainer must train with it all the same.</summary>
    private sealed class GradientDescent(double rate) : IOptimizer
    {
        public string Name => "gd";
        public int Steps { get; private set; }
        public bool Disposed { get; private set; }

        public StepResult Step(IObjective objective, Tensor theta)
        {
            ObjectDisposedException.ThrowIf(Disposed, this);
            var (loss, gradient) = objective.ValueAndGradient(theta);
            using (gradient)
            using (no_grad()) theta.sub_(gradient * rate);
            Steps++;
            return new StepResult(loss, Steps);
        }

        public void Dispose() => Disposed = true;
    }

    [Fact]
    public void Run_WithAnOptimizerObjectOutsideTheCatalogue_TrainsAndLeavesItToTheCaller()
    {
        var problem = new Poisson2d().Create(new ProblemOptions(100, 40));
        using var net = new Mlp(new MlpOptions(2, [8], Seed: 1), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        var gd = new GradientDescent(1e-3);
        var run = Trainer.For(problem, net).Using(gd, 20).With(new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 100)).Run();
        Assert.Equal(20, gd.Steps);
        Assert.False(gd.Disposed);
        Assert.Equal("gd:20", run.Optimizer);
        Assert.True(run.Loss < run.StartLoss, $"loss {run.StartLoss} -> {run.Loss}");
    }

    [Fact]
    public void Run_MixedPhases_EqualsTheSameSpecBitwise()
    {
        var problem = new Poisson2d().Create(new ProblemOptions(100, 40));
        var options = new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 100);
        using var a = new Mlp(new MlpOptions(2, [8], Seed: 1), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        var bySpec = Trainer.For(problem, a).Using("adam:10:lr=1e-2,lbfgs:10:history=5").With(options).Run();
        using var b = new Mlp(new MlpOptions(2, [8], Seed: 1), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        using var lbfgs = new Lbfgs(new LbfgsOptions { History = 5 });
        var byObjects = Trainer.For(problem, b)
            .Using(TrainingPhase.Of(() => new Adam(new AdamOptions { LearningRate = 1e-2 }), 10), TrainingPhase.Of(lbfgs, 10))
            .With(options).Run();
        Assert.Equal(bySpec.History.Select(h => h.Loss), byObjects.History.Select(h => h.Loss));
        Assert.Equal("adam:10,lbfgs:10", byObjects.Optimizer);
    }

    [Fact]
    public void Phases_FromACatalogueAndBadSteps_AreCheckedWhenBuilt()
    {
        Assert.Throws<FormatException>(() => TrainingPhase.Parse("adam:10:lr=x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingPhase.Of(() => new Adam(), 0));
        var custom = OptimizerCatalog.Default.Descriptors.Where(d => d.Name == "adam").Select(d => d with { Name = "my-adam" }).Single();
        var phase = TrainingPhase.Parse("my-adam:3", new OptimizerCatalog(custom)).Single();
        Assert.Equal("my-adam:3", phase.Spec);
        Assert.Equal(custom.FindOption("lr")!.DefaultValue, phase.Setting("lr"));
    }
}
