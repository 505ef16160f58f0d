using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.QuasiNewton;

public class DenseQuasiNewtonTests
{
    private static DenseQuasiNewton Create(DenseQuasiNewtonUpdate update, bool keep = true) =>
        new(new DenseQuasiNewtonOptions { Update = update, KeepOnRevision = keep });

    /// <summary>
    /// With the strong Wolfe search (α = 1 tried first) the iterates are not those of exact line searches, so
    /// finite termination in n steps does not hold; what holds (Powell 1976 for BFGS on convex functions) is
    /// convergence, which on a quadratic becomes superlinear once H approaches A⁻¹: every rule reaches ‖g‖ ≤ 1e-10.
    /// Measured at n = 36, κ = 8·10³ over 10 seeds: BFGS (with the initial scaling, which leaves H too small in the flat
    /// directions, where BFGS corrects slowly) 224–239 iterations, SSBFGS 110–129, SSBroyden 87–107, L-BFGS 109–143;
    /// the bound is 10n + 50.
    /// </summary>
    [Property(MaxTest = 30)]
    public Property Step_RandomConvexQuadratic_ReachesGradientNormBelow1e10()
    {
        var cases =
            from dimension in Gen.Choose(2, 40)
            from seed in Gen.Choose(0, int.MaxValue)
            from decades in Gen.Choose(0, 40)
            from update in Gen.Elements(Enum.GetValues<DenseQuasiNewtonUpdate>())
            select (dimension, seed, condition: Math.Pow(10, decades / 10.0), update);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var quadratic = new ConvexQuadratic(c.dimension, c.seed, c.condition);
            using var theta = torch.zeros(c.dimension, ScalarType.Float64);
            using var optimizer = Create(c.update);
            var results = OptimizerRun.Run(optimizer, quadratic, theta, maxSteps: 10 * c.dimension + 50);
            var norm = OptimizerRun.GradientNorm(quadratic, theta);
            return (norm <= 1e-10 && results[^1].Stop == StopReason.GradientTolerance)
                .Label($"n={c.dimension} κ={c.condition:G3} {c.update} steps={results.Count} ‖g‖={norm:G3} stop={results[^1].Stop} {results[^1].Message}");
        });
    }

    [Theory]
    [InlineData(DenseQuasiNewtonUpdate.Bfgs, 2)]
    [InlineData(DenseQuasiNewtonUpdate.SelfScaledBfgs, 2)]
    [InlineData(DenseQuasiNewtonUpdate.SelfScaledBroyden, 2)]
    [InlineData(DenseQuasiNewtonUpdate.Bfgs, 10)]
    [InlineData(DenseQuasiNewtonUpdate.SelfScaledBfgs, 10)]
    [InlineData(DenseQuasiNewtonUpdate.SelfScaledBroyden, 10)]
    public void Step_Rosenbrock_ConvergesToOnes(DenseQuasiNewtonUpdate update, int dimension)
    {
        var rosenbrock = new RosenbrockObjective(dimension);
        using var theta = RosenbrockObjective.Start(dimension);
        using var ones = torch.ones(dimension, ScalarType.Float64);
        using var optimizer = Create(update);

        var results = OptimizerRun.Run(optimizer, rosenbrock, theta, maxSteps: 500);

        Assert.Equal(StopReason.GradientTolerance, results[^1].Stop);
        Assert.True(OptimizerRun.MaxDistance(theta, ones) <= 1e-8, $"|θ − 1|∞ = {OptimizerRun.MaxDistance(theta, ones):G3} after {results.Count} steps");
        Assert.Equal(rosenbrock.Evaluations, results.Sum(r => r.Evaluations));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Step_ObjectiveRevisionChanged_RecomputesFAndGAndKeepsOrResetsH(bool keep)
    {
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(6, 2, 100);
        var shift = 0.0;
        var moving = new FunctionObjective(6, t => quadratic.Value(t) + shift * t.sum().item<double>(), t => quadratic.Gradient(t) + shift);
        var theta = torch.zeros(6, ScalarType.Float64);
        using var optimizer = Create(DenseQuasiNewtonUpdate.SelfScaledBroyden, keep);
        for (var i = 0; i < 3; i++) optimizer.Step(moving, theta);
        var updates = optimizer.Updates;
        var evaluations = moving.Evaluations;

        shift = 0.5;
        moving.Revision++;
        var result = optimizer.Step(moving, theta);

        Assert.True(updates >= 2);
        Assert.Equal(keep ? updates + 1 : 1, optimizer.Updates);
        Assert.Equal(evaluations + result.Evaluations, moving.Evaluations);
        Assert.Equal(moving.Value(theta), result.Loss);
        Assert.Equal(keep ? 4 : 1, optimizer.Iterations);
    }

    [Fact]
    public void Step_ThetaChangedByCaller_StartsAfreshWithHReset()
    {
        using var quadratic = new ConvexQuadratic(6, 3, 10);
        using var theta = torch.zeros(6, ScalarType.Float64);
        using var optimizer = Create(DenseQuasiNewtonUpdate.SelfScaledBfgs);
        for (var i = 0; i < 3; i++) optimizer.Step(quadratic, theta);

        theta.add_(0.1);
        var result = optimizer.Step(quadratic, theta);

        Assert.Equal(StopReason.None, result.Stop);
        Assert.Equal(1, optimizer.Updates);
        Assert.Equal(1, optimizer.Iterations);
    }

    [Fact]
    public void Stabilize_AfterSteps_ResetsTheInverseHessianToIdentity()
    {
        using var quadratic = new ConvexQuadratic(4, 5, 10);
        using var theta = torch.zeros(4, ScalarType.Float64);
        using var optimizer = Create(DenseQuasiNewtonUpdate.Bfgs);
        for (var i = 0; i < 3; i++) optimizer.Step(quadratic, theta);

        var message = optimizer.Stabilize();

        Assert.Contains("reset to I", message);
        Assert.Equal(0, optimizer.Updates);
        using var h = optimizer.InverseHessian(4);
        using var identity = torch.eye(4, dtype: ScalarType.Float64);
        Assert.Equal(0, (h - identity).abs().max().item<double>());
    }

    [Fact]
    public void Step_MoreParametersThanMaxParams_ThrowsOneLineArgumentExceptionNamingLbfgs()
    {
        using var quadratic = new ConvexQuadratic(12, 1, 10);
        using var theta = torch.zeros(12, ScalarType.Float64);
        using var optimizer = OptimizerCatalog.Default.Create(Assert.Single(OptimizerSpec.Parse("ssbroyden:max-params=10")));

        var error = Assert.Throws<ArgumentException>(() => optimizer.Step(quadratic, theta));

        Assert.Contains("lbfgs", error.Message);
        Assert.Contains("max-params = 10", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void LoadState_AfterRevisionChange_ResumesBitwiseWithTheKeptInverseHessian()
    {
        using var scope = torch.NewDisposeScope();
        torch.set_num_threads(1);
        using var fit = new TanhModelResiduals(residuals: 30, hidden: 6, parameters: 10, seed: 4);
        var revision = new RevisedObjective(fit);
        var straightTheta = fit.Start.clone();
        var resumedTheta = fit.Start.clone();
        var straight = new List<double>();
        var resumed = new List<double>();
        using (var optimizer = Create(DenseQuasiNewtonUpdate.SelfScaledBroyden))
        {
            for (var i = 0; i < 8; i++) { revision.Revision = i / 4; straight.Add(optimizer.Step(revision, straightTheta).Loss); }
        }
        OptimizerState state;
        using (var first = Create(DenseQuasiNewtonUpdate.SelfScaledBroyden))
        {
            for (var i = 0; i < 5; i++) { revision.Revision = i / 4; resumed.Add(first.Step(revision, resumedTheta).Loss); }
            state = first.SaveState();
        }
        var restored = new RevisedObjective(fit) { Revision = revision.Revision };   // a new object for the same function, as after a restart
        using (var second = Create(DenseQuasiNewtonUpdate.SelfScaledBroyden))
        {
            second.LoadState(state);
            for (var i = 5; i < 8; i++) { restored.Revision = i / 4; resumed.Add(second.Step(restored, resumedTheta).Loss); }
        }

        Assert.Equal(straight, resumed);
        Assert.Equal(straightTheta.data<double>().ToArray(), resumedTheta.data<double>().ToArray());
    }

    /// <summary>The same function under a settable revision (a resampled objective whose points happen to be the same).</summary>
    private sealed class RevisedObjective(IObjective inner) : IObjective
    {
        public long ParameterCount => inner.ParameterCount;
        public long Revision { get; set; }
        public double Value(Tensor theta) => inner.Value(theta);
        public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta) => inner.ValueAndGradient(theta);
    }
}
