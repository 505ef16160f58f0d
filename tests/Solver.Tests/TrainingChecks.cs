using Pinn.Physics;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;

namespace Pinn.Solver.Tests;

/// <summary>Checks shared by the tests of training options (causal weights, attention, pools).</summary>
internal static class TrainingChecks
{
    /// <summary>Runs <paramref name="spec"/> (6 steps) and asserts it completes all of them with a finite loss.</summary>
    public static TrainingRun CompletesSixSteps(Problem problem, Mlp net, string spec, TrainingOptions options)
    {
        var run = Trainer.For(problem, net).Using(spec).With(options).Run();
        Assert.Equal(TrainingOutcome.Completed, run.Outcome);
        Assert.Equal(6, run.Steps);
        Assert.True(double.IsFinite(run.Loss));
        return run;
    }

    /// <summary>After a warm-up run, a longer Adam-then-LM run leaves the live tensor count (nearly) unchanged.</summary>
    public static void LiveTensorsStayFlat(Problem problem, Mlp net, TrainingOptions options)
    {
        static long Live() => TorchSharp.DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        Trainer.For(problem, net).Using("adam:5,lm:5").With(options).Run();   // warm-up
        long before = Live();
        Trainer.For(problem, net).Using("adam:30,lm:15").With(options).Run();
        long after = Live();
        Assert.True(after - before <= 2, $"live tensors grew by {after - before}");
    }
}
