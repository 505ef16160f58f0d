using Pinn.Physics;
using Pinn.Problems;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>An interrupted and resumed run takes exactly the steps of the uninterrupted one.</summary>
public class CheckpointResumeTests
{
    private static readonly TrainingOptions Options = new(Seed: 3, EvaluateEvery: 4, EvaluationPoints: 200, ResampleEvery: 7);

    private static (TrainingRun Run, double[] Theta) Straight(Problem problem, string spec)
    {
        using var net = new Mlp(new MlpOptions(2, [8], Seed: 5), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        var run = Trainer.For(problem, net).Using(spec).With(Options).Run();
        return (run, net.Parameters.data<double>().ToArray());
    }

    [Theory]
    [InlineData("lbfgs:12,engd:8", 5)]
    [InlineData("lbfgs:12,engd:8", 15)]
    [InlineData("engd-nystrom:6:rank=8:refresh=3,lm:10", 8)]
    public void InterruptAtStep_ThenResume_HistoryAndParametersBitwiseEqual(string spec, int interruptAt)
    {
        set_num_threads(1);   // per worker thread (OpenMP's thread count is thread-local): bitwise equality needs a fixed reduction order
        var problem = new Poisson2d().Create(new ProblemOptions(36, 16));
        var (straight, straightTheta) = Straight(problem, spec);

        TrainingSnapshot? snapshot = null;
        using var cancel = new CancellationTokenSource();
        var stopper = new StopAt(interruptAt, cancel);
        using (var net = new Mlp(new MlpOptions(2, [8], Seed: 5), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper))
        {
            var part = Trainer.For(problem, net).Using(spec).With(Options).Reporting(stopper)
                .Checkpointing(0, s => snapshot = s).Run(cancel.Token);
            Assert.Equal(TrainingOutcome.Interrupted, part.Outcome);
        }
        Assert.NotNull(snapshot);
        Assert.Equal(interruptAt, snapshot!.Step);

        // A fresh network with a different initialisation: everything must come from the snapshot.
        using var resumedNet = new Mlp(new MlpOptions(2, [8], Seed: 99), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        var resumed = Trainer.For(problem, resumedNet).Using(spec).With(Options).ResumingFrom(snapshot).Run();

        Assert.Equal(TrainingOutcome.Completed, resumed.Outcome);
        Assert.Equal(straight.History.Select(h => h.Loss), resumed.History.Select(h => h.Loss));
        Assert.Equal(straight.History.Select(h => h.RelativeL2), resumed.History.Select(h => h.RelativeL2));
        Assert.Equal(straight.Loss, resumed.Loss);
        Assert.Equal(straightTheta, resumedNet.Parameters.data<double>().ToArray());
    }

    [Fact]
    public void PeriodicCheckpoints_AtPhaseEnd_PointToTheNextPhase()
    {
        var problem = new Poisson2d().Create(new ProblemOptions(36, 16));
        var snapshots = new List<TrainingSnapshot>();
        using var net = new Mlp(new MlpOptions(2, [8], Seed: 5), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        Trainer.For(problem, net).Using("lbfgs:4,engd:4").With(Options).Checkpointing(2, snapshots.Add).Run();
        Assert.Equal(new long[] { 2, 4, 6, 8 }, snapshots.Select(s => s.Step));
        Assert.Equal((1, 0), (snapshots[1].Phase, snapshots[1].DoneInPhase));
        Assert.Null(snapshots[1].OptimizerState);
        Assert.Equal((1, 2), (snapshots[2].Phase, snapshots[2].DoneInPhase));
        Assert.Equal("engd", snapshots[2].OptimizerState!.Optimizer);
    }

    private sealed class StopAt(long step, CancellationTokenSource cancel) : IProgressSink
    {
        public void PhaseStarted(int phase, string optimizer, int steps) { }
        public void Step(HistoryRow row, long totalSteps) { if (row.Step == step) cancel.Cancel(); }
        public void Event(string message) { }
    }
}
