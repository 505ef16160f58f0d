using Pinn.Physics;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>Non-finite losses roll θ back, make the optimizer more cautious, and stop the run when they persist.</summary>
public class RollbackTests
{
    /// <summary>−Δu = 1 on the unit square with u = 0 on the boundary; the residual turns NaN on chosen evaluations.</summary>
    private static Problem Faulty(Func<int, bool> poisoned)
    {
        int calls = 0;
        return Problem.On(Domain.Box((0, 1), (0, 1)))
            .Interior(Sample.Grid(25), (u, x) => poisoned(++calls) ? u.Laplacian() * double.NaN : -u.Laplacian() - 1)
            .Dirichlet(Sample.Grid(16), x => zeros(x.shape[0], dtype: ScalarType.Float64))
            .Named("faulty");
    }

    [Theory]
    [InlineData("adam:30:lr=1e-2")]
    [InlineData("sgd:30:lr=1e-3")]
    public void OneNonFiniteEvaluation_RollsBackAndFinishes(string spec)
    {
        var events = new EventLog();
        var problem = Faulty(call => call == 6);
        using var net = new Mlp(new MlpOptions(2, [6], Seed: 2), [0, 0], [1, 1]);
        var run = Trainer.For(problem, net).Using(spec).With(new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 100)).Reporting(events).Run();

        Assert.Equal(TrainingOutcome.Completed, run.Outcome);
        Assert.Contains(events.Messages, m => m.Contains("rolled back"));
        Assert.True(double.IsFinite(run.Loss));
        using var _ = no_grad();
        Assert.True(net.Parameters.isfinite().all().item<bool>());
        Assert.True(run.Loss < run.History.First(h => double.IsFinite(h.Loss)).Loss);
    }

    [Theory]
    [InlineData("lbfgs:30")]
    [InlineData("engd:20")]
    public void NonFiniteTrialInLineSearch_RejectedByTheOptimizer_RunFinishes(string spec)
    {
        var problem = Faulty(call => call == 6);
        using var net = new Mlp(new MlpOptions(2, [6], Seed: 2), [0, 0], [1, 1]);
        var run = Trainer.For(problem, net).Using(spec).With(new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 100)).Run();
        Assert.Equal(TrainingOutcome.Completed, run.Outcome);
        Assert.True(double.IsFinite(run.Loss) && run.Loss < run.History[0].Loss);
    }

    [Fact]
    public void PersistentNonFiniteLoss_StopsWithCheckpoint()
    {
        var events = new EventLog();
        var problem = Faulty(call => call > 10);
        TrainingSnapshot? snapshot = null;
        using var net = new Mlp(new MlpOptions(2, [6], Seed: 2), [0, 0], [1, 1]);
        var run = Trainer.For(problem, net).Using("adam:50").With(new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 100))
            .Reporting(events).Checkpointing(0, s => snapshot = s).Run();

        Assert.Equal(TrainingOutcome.Diverged, run.Outcome);
        Assert.NotNull(snapshot);
        Assert.Equal("diverged", snapshot!.Reason);
        Assert.All(snapshot.Theta, v => Assert.True(double.IsFinite(v)));
        Assert.Contains(events.Messages, m => m.Contains("failed steps in a row"));
        Assert.True(run.Steps < 50);
    }

    [Fact]
    public void AlternatingNonFiniteSteps_CountTowardsTheStop()
    {
        // Every other evaluation is poisoned from the 11th on: failures never come three in a row, and the finite steps
        // between them cannot lower the loss (θ goes back each time); they still add up and stop the run.
        var events = new EventLog();
        var problem = Faulty(call => call > 10 && call % 2 == 0);
        TrainingSnapshot? snapshot = null;
        using var net = new Mlp(new MlpOptions(2, [6], Seed: 2), [0, 0], [1, 1]);
        var run = Trainer.For(problem, net).Using("sgd:200:lr=1e-3").With(new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 100))
            .Reporting(events).Checkpointing(0, s => snapshot = s).Run();

        Assert.Equal(TrainingOutcome.Diverged, run.Outcome);
        Assert.Equal("diverged", snapshot!.Reason);
        Assert.True(run.Steps < 200);
        Assert.Contains("failed steps", run.OutcomeReason);
    }

    [Fact]
    public void NeverImprovingRun_EndsWithNoProgress()
    {
        var problem = Faulty(_ => false);
        TrainingSnapshot? snapshot = null;
        using var net = new Mlp(new MlpOptions(2, [6], Seed: 2), [0, 0], [1, 1]);
        var run = Trainer.For(problem, net).Using("sgd:5:lr=1e-300:momentum=0").With(new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 100))
            .Checkpointing(0, s => snapshot = s).Run();
        Assert.Equal(TrainingOutcome.NoProgress, run.Outcome);
        Assert.Equal("no_progress", snapshot!.Reason);
        Assert.Equal(run.StartLoss, run.Loss);
    }

    [Fact]
    public void ConvergedAtTheStart_IsNotAFailure()
    {
        // −Δu = 0 with u = 0 on the boundary, and θ = 0 (u ≡ 0): the start is the exact solution, L-BFGS stops at once
        // on its gradient tolerance, and a run that cannot improve because it has converged has not failed.
        var problem = Problem.On(Domain.Box((0, 1), (0, 1)))
            .Interior(Sample.Grid(25), (u, x) => -u.Laplacian())
            .Dirichlet(Sample.Grid(16), x => zeros(x.shape[0], dtype: ScalarType.Float64))
            .Named("zero");
        using var net = new Mlp(new MlpOptions(2, [6], Seed: 2), [0, 0], [1, 1]);
        using (no_grad()) net.Parameters.zero_();
        var run = Trainer.For(problem, net).Using("lbfgs:5").With(new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 100)).Run();
        Assert.Equal(TrainingOutcome.Completed, run.Outcome);
    }

    private sealed class EventLog : IProgressSink
    {
        public List<string> Messages { get; } = [];
        public void PhaseStarted(int phase, string optimizer, int steps) { }
        public void Step(HistoryRow row, long totalSteps) { }
        public void Event(string message) => Messages.Add(message);
    }
}
