using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class LevenbergMarquardtTests
{
    [Property(MaxTest = 30)]
    public Property Step_LargeDamping_ApproachesScaledGradientStep()
    {
        var cases =
            from rows in Gen.Choose(1, 15)
            from columns in Gen.Choose(1, 15)
            from seed in Gen.Choose(0, int.MaxValue)
            from diagonal in Gen.Elements(false, true)
            select (rows, columns, seed, diagonal);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var problem = new LinearResiduals(c.rows, c.columns, c.seed, noise: 1);
            using var scope = torch.NewDisposeScope();
            var theta = torch.zeros(c.columns, ScalarType.Float64);
            var (_, jacobian) = problem.ResidualsAndJacobian(theta);
            var (_, gradient) = problem.ValueAndGradient(theta);
            var gramian = LeastSquares.Gramian(jacobian);
            var scaling = c.diagonal ? LevenbergMarquardtScaling.Diagonal : LevenbergMarquardtScaling.Identity;
            using var lm = new LevenbergMarquardt(new LevenbergMarquardtOptions { InitialDampingFactor = 1e9, Scaling = scaling });

            var result = lm.Step(problem, theta);

            // μ₀ = τ·max diag(G) and h = −(G + μD)⁻¹Jᵀr ≈ −Jᵀr/(μD) = −∇L/(2μD).
            var diagonalOfD = c.diagonal ? gramian.diagonal().clamp_min(1e-300) : torch.ones(c.columns, ScalarType.Float64);
            var mu = c.diagonal ? 1e9 : 1e9 * gramian.diagonal().max().item<double>();
            var expected = gradient.div(diagonalOfD).div_(-2 * mu);
            var error = (theta - expected).norm().item<double>() / expected.norm().item<double>();
            return (result.Stop == StopReason.None && error <= 1e-6)
                .Label($"{c}: relative error {error:G3}; {result.Stop} {result.Message}");
        });
    }

    [Property(MaxTest = 40)]
    public Property Step_NonlinearModel_UpdatesDampingByNielsensRuleWithGainRatioForSquaredNorm()
    {
        var cases =
            from seed in Gen.Choose(0, int.MaxValue)
            from tauExponent in Gen.Choose(-4, 2)
            from perturbation in Gen.Elements(0.3, 1.0, 3.0)
            select (seed, tau: Math.Pow(10, tauExponent), perturbation);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // ρ = (L(θ) − L(θ + h)) / hᵀ(μh − Jᵀr) for L = ‖r‖² (Madsen et al.'s ½ cancels against F = ½‖r‖²);
            // accepted: μ ← μ·max(1/3, 1 − (2ρ − 1)³); rejected: μ ← 2μ.
            using var problem = new TanhModelResiduals(residuals: 15, hidden: 6, parameters: 8, seed: c.seed, noise: 0.2, perturbation: c.perturbation);
            using var scope = torch.NewDisposeScope();
            var theta = problem.Start.clone();
            var before = theta.clone();
            var (residuals, jacobian) = problem.ResidualsAndJacobian(theta);
            var loss = residuals.dot(residuals).item<double>();
            var halfGradient = jacobian.t().mv(residuals);
            var mu = c.tau * LeastSquares.Gramian(jacobian).diagonal().max().item<double>();
            using var lm = new LevenbergMarquardt(new LevenbergMarquardtOptions { InitialDampingFactor = c.tau });

            var result = lm.Step(problem, theta);

            var step = theta - before;
            var accepted = step.abs().max().item<double>() > 0;
            var predicted = step.dot(step.mul(mu).sub(halfGradient)).item<double>();
            var gain = (loss - problem.Value(theta)) / predicted;
            var expected = accepted ? mu * Math.Max(1.0 / 3, 1 - Math.Pow(2 * gain - 1, 3)) : 2 * mu;
            return (result.Stop == StopReason.None && Math.Abs(lm.Damping!.Value - expected) <= 1e-7 * expected && (accepted || result.Message!.Contains("rejected")))
                .Label($"{c}: accepted {accepted}, ρ = {gain:G6}, μ {mu:G6} → {lm.Damping:G6}, expected {expected:G6}");
        });
    }

    [Property(MaxTest = 20)]
    public Property Step_ModelLinearInParameters_GainRatioIsOne()
    {
        var cases =
            from columns in Gen.Choose(1, 10)
            from extraRows in Gen.Choose(0, 10)
            from seed in Gen.Choose(0, int.MaxValue)
            select (rows: columns + extraRows, columns, seed);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // The linear model is exact, so L(θ + h) = L(θ) − hᵀ(μh − Jᵀr) and μ falls by 3.
            using var problem = new LinearResiduals(c.rows, c.columns, c.seed, noise: 1);
            using var scope = torch.NewDisposeScope();
            var theta = torch.zeros(c.columns, ScalarType.Float64);
            var (residuals, jacobian) = problem.ResidualsAndJacobian(theta);
            var loss = residuals.dot(residuals).item<double>();
            var halfGradient = jacobian.t().mv(residuals);
            var mu = 1e-3 * LeastSquares.Gramian(jacobian).diagonal().max().item<double>();
            using var lm = new LevenbergMarquardt();

            var result = lm.Step(problem, theta);

            var predicted = theta.dot(theta.mul(mu).sub(halfGradient)).item<double>();
            var gain = (loss - result.Loss) / predicted;
            return (Math.Abs(gain - 1) <= 1e-8 && Math.Abs(lm.Damping!.Value - mu / 3) <= 1e-12 * mu)
                .Label($"{c}: ρ = {gain:R}, μ {mu:G6} → {lm.Damping:G6}");
        });
    }

    [Theory]
    [InlineData("lm")]
    [InlineData("lm:scaling=diagonal")]
    [InlineData("lm:geodesic=true")]
    [InlineData("lm:mu=1e-6:scaling=diagonal:geodesic=true")]
    public void Step_RosenbrockResiduals_ReachesLossBelow1e20AndStopsWithReason(string spec)
    {
        var rosenbrock = new RosenbrockResiduals(2);
        using var theta = RosenbrockObjective.Start(2);
        using var lm = OptimizerCatalog.Default.Create(Assert.Single(OptimizerSpec.Parse(spec)));

        var results = OptimizerRun.Run(lm, rosenbrock, theta, maxSteps: 300);

        var loss = rosenbrock.Value(theta);
        Assert.True(loss <= 1e-20, $"{spec}: loss {loss:G3} after {results.Count} steps; {results[^1].Stop} {results[^1].Message}");
        Assert.NotEqual(StopReason.None, results[^1].Stop);
        Assert.False(string.IsNullOrWhiteSpace(results[^1].Message));
    }

    [Fact]
    public void Step_TanhModelWithZeroResidual_ReachesLossBelow1e20()
    {
        using var problem = new TanhModelResiduals(residuals: 40, hidden: 10, parameters: 12, seed: 3);
        using var theta = problem.Start.clone();
        using var lm = new LevenbergMarquardt();

        var results = OptimizerRun.Run(lm, problem, theta, maxSteps: 200);

        Assert.True(problem.Value(theta) <= 1e-20, $"loss {problem.Value(theta):G3}; {results[^1].Stop} {results[^1].Message}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Step_LeastSquaresWithNonZeroResidual_StopsAtFloat64LimitWithReason(int duplicatedColumns)
    {
        using var problem = new LinearResiduals(20, 8, 13, noise: 0.3, duplicatedColumns: duplicatedColumns);
        using var theta = torch.zeros(8, ScalarType.Float64);
        using var lm = new LevenbergMarquardt();

        var results = OptimizerRun.Run(lm, problem, theta, maxSteps: 500);

        var last = results[^1];
        Assert.NotEqual(StopReason.None, last.Stop);
        Assert.True(results.Count < 500, "LM kept running after reaching the float64 limit");
        Assert.False(string.IsNullOrWhiteSpace(last.Message));
        Assert.True(Math.Abs(problem.Value(theta) - problem.MinimumLoss) <= 1e-12 * problem.MinimumLoss,
            $"{problem.Value(theta):R} vs {problem.MinimumLoss:R}: {last.Stop} {last.Message}");
    }

    [Fact]
    public void Step_RejectedStep_LeavesThetaRaisesDampingAndReusesTheJacobian()
    {
        // From (−1.2, 1) with τ = 1e-12 the almost undamped step overshoots on Rosenbrock.
        var rosenbrock = new RosenbrockResiduals(2);
        using var theta = RosenbrockObjective.Start(2);
        using var before = theta.clone();
        using var lm = new LevenbergMarquardt(new LevenbergMarquardtOptions { InitialDampingFactor = 1e-12 });

        var first = lm.Step(rosenbrock, theta);
        var second = lm.Step(rosenbrock, theta);

        // G = JᵀJ = [[577, 240], [240, 100]] at the start, so μ₀ = 577τ; the Gauss–Newton step lands at
        // (1, −3.84) with loss 2342.56 > 24.2, and μ grows by ν = 2, then 4.
        Assert.Contains("rejected", first.Message);
        Assert.Contains("rejected", second.Message);
        Assert.Equal(StopReason.None, second.Stop);
        Assert.True(theta.eq(before).all().item<bool>());
        Assert.Equal(1, rosenbrock.JacobianEvaluations);
        Assert.Equal(577e-12 * 8, lm.Damping!.Value, 1e-20);
    }

    [Fact]
    public void Step_PlainObjectiveOrInvalidOptions_Throw()
    {
        using var quadratic = new ConvexQuadratic(3, 1, 10);
        using var theta = torch.zeros(3, ScalarType.Float64);
        using var lm = new LevenbergMarquardt();

        var error = Assert.Throws<ArgumentException>(() => lm.Step(quadratic, theta));
        Assert.StartsWith("lm needs a least-squares residual objective", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LevenbergMarquardt(new LevenbergMarquardtOptions { InitialDampingFactor = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LevenbergMarquardt(new LevenbergMarquardtOptions { Scaling = (LevenbergMarquardtScaling)7 }));
    }
}
