using Pinn.Optimizers;
using Pinn.Physics;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>Gauss–Newton-type phases that stall say so, with the likely cause and the alternatives.</summary>
public class StallWatchTests
{
    private sealed class Events : IProgressSink
    {
        public List<string> Messages { get; } = [];
        public void PhaseStarted(int phase, string optimizer, int steps) { }
        public void Step(HistoryRow row, long totalSteps) { }
        public void Event(string message) => Messages.Add(message);
    }

    [Theory]
    [InlineData("engd:500", true)]
    [InlineData("gauss-newton:500", true)]
    [InlineData("lm:500", false)]      // adapts its damping: no advice to give
    [InlineData("adam:500", false)]    // first-order methods are slow by nature
    public void SlowGaussNewtonPhase_WarnsOnceNamingTheDampingAndLm(string spec, bool warns)
    {
        var events = new Events();
        var watch = new StallWatch(TrainingPhase.Parse(spec)[0], events);
        for (int done = 1; done <= 500; done++) watch.Observe(done, done, 2272 - done);   // the 3-D anisotropic case's plateau
        Assert.Equal(warns ? 1 : 0, events.Messages.Count);
        if (warns)
        {
            Assert.Contains("damping", events.Messages[0]);
            Assert.Contains("lm", events.Messages[0]);
            Assert.Contains("damping=1e-3", events.Messages[0]);
        }
    }

    [Fact]
    public void FastGaussNewtonPhase_DoesNotWarn()
    {
        var events = new Events();
        var watch = new StallWatch(TrainingPhase.Parse("engd:500")[0], events);
        for (int done = 1; done <= 500; done++) watch.Observe(done, done, 2272 * Math.Pow(0.9, done));
        Assert.Empty(events.Messages);
    }

    /// <summary>−(u_xx + 2u_yy + 3u_zz) = f on the unit cube, u* = sin πx sin 2πy sin πz (8³ + 384 points; the issue had 10³ + 600).</summary>
    private static Problem Anisotropic()
    {
        static Tensor Exact(Tensor x) => (Math.PI * x[.., 0]).sin() * (2 * Math.PI * x[.., 1]).sin() * (Math.PI * x[.., 2]).sin();
        double c = Math.PI * Math.PI * (1 + 2 * 4 + 3);
        return Problem.On(Domain.Box((0, 1), (0, 1), (0, 1)))
            .Interior(Sample.Grid(512), (u, x) => -(u.D2(0) + 2 * u.D2(1) + 3 * u.D2(2)), x => c * Exact(x))
            .Dirichlet(Sample.Grid(384), Exact)
            .WithSolution(Exact).Named("anisotropic");
    }

    [Fact]
    public void Engd_AnisotropicPoisson3d_WarnsNamingDampingAndLm()
    {
        var events = new Events();
        using var net = Mlp.For(Anisotropic(), new MlpOptions(3, [32]));
        var run = Trainer.For(Anisotropic(), net).Using("engd:100").With(new TrainingOptions(EvaluateEvery: 0, EvaluationPoints: 1000)).Reporting(events).Run();
        var warning = Assert.Single(events.Messages, m => m.StartsWith("warning: engd"));
        Assert.Contains("damping 1e-10", warning);
        Assert.Contains("lm", warning);
        Assert.True(run.RelativeL2 > 0.5, $"rel. L2 {run.RelativeL2}: the case no longer stalls; find another for this test");
    }
}
