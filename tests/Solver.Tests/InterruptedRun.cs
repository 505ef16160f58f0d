using Pinn.Physics;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>
/// Runs a training straight through, then interrupted at a step and resumed from its snapshot on a network initialised
/// differently, for tests that check a resumed run repeats the uninterrupted one bit for bit.
/// </summary>
internal static class InterruptedRun
{
    /// <summary>The straight run and θ after it, the snapshot, and the resumed run and θ after it.</summary>
    public static (TrainingRun Straight, double[] StraightTheta, TrainingSnapshot Snapshot, TrainingRun Resumed, double[] ResumedTheta) Compare(
        Problem problem, Func<int, Mlp> network, string spec, TrainingOptions options, int interruptAt)
    {
        set_num_threads(1);   // per worker thread: bitwise equality needs a fixed reduction order
        TrainingRun straight;
        double[] straightTheta;
        using (var net = network(5))
        {
            straight = Trainer.For(problem, net).Using(spec).With(options).Run();
            straightTheta = net.Parameters.data<double>().ToArray();
        }

        TrainingSnapshot? snapshot = null;
        using var cancel = new CancellationTokenSource();
        using (var net = network(5))
        {
            var part = Trainer.For(problem, net).Using(spec).With(options).Reporting(new StopAt(interruptAt, cancel))
                .Checkpointing(0, s => snapshot = s).Run(cancel.Token);
            Assert.Equal(TrainingOutcome.Interrupted, part.Outcome);
        }
        Assert.Equal(interruptAt, snapshot!.Step);

        using var resumedNet = network(99);   // a different initialisation: everything must come from the snapshot
        var resumed = Trainer.For(problem, resumedNet).Using(spec).With(options).ResumingFrom(snapshot).Run();
        return (straight, straightTheta, snapshot, resumed, resumedNet.Parameters.data<double>().ToArray());
    }

    internal sealed class StopAt(long step, CancellationTokenSource cancel) : IProgressSink
    {
        public void PhaseStarted(int phase, string optimizer, int steps) { }
        public void Step(HistoryRow row, long totalSteps) { if (row.Step == step) cancel.Cancel(); }
        public void Event(string message) { }
    }
}
