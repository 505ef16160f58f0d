using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class EngdTests
{
    [Property(MaxTest = 30)]
    public Property GaussNewton_ModelLinearInParameters_SolvesInOneStep()
    {
        var cases =
            from columns in Gen.Choose(1, 12)
            from extraRows in Gen.Choose(0, 20)
            from seed in Gen.Choose(0, int.MaxValue)
            from noise in Gen.Elements(0.0, 0.1, 1.0)
            select (rows: columns + extraRows, columns, seed, noise);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var problem = new LinearResiduals(c.rows, c.columns, c.seed, c.noise);
            using var theta = torch.zeros(c.columns, ScalarType.Float64);
            using var optimizer = Engd.GaussNewton();

            var result = optimizer.Step(problem, theta);

            var distance = OptimizerRun.MaxDistance(theta, problem.Solution);
            var scale = 1 + problem.Solution.abs().max().item<double>();
            return (result.Stop == StopReason.None && distance <= 1e-9 * scale
                    && Math.Abs(result.Loss - problem.MinimumLoss) <= 1e-9 * (1 + problem.MinimumLoss))
                .Label($"{c}: |θ − θ*|∞ = {distance:G3}, loss {result.Loss:G6} vs {problem.MinimumLoss:G6}; {result.Message}");
        });
    }

    [Property(MaxTest = 30)]
    public Property Direction_WoodburyForm_EqualsPrimalFormForTheSameDamping()
    {
        var cases =
            from rows in Gen.Choose(1, 10)
            from extraColumns in Gen.Choose(1, 20)
            from seed in Gen.Choose(0, int.MaxValue)
            from dampingExponent in Gen.Choose(-6, 1)
            select (rows, columns: rows + extraColumns, seed, damping: Math.Pow(10, dampingExponent));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var scope = torch.NewDisposeScope();
            var random = new Random(c.seed);
            var jacobian = GaussianTensors.Gaussian(random, c.rows, c.columns);
            var residuals = GaussianTensors.Gaussian(random, c.rows);

            var (primal, primalReport) = Engd.Direction(residuals, jacobian, c.damping);
            var (kernel, kernelReport) = EngdWoodbury.Direction(residuals, jacobian, c.damping);

            var error = (primal - kernel).norm().item<double>() / kernel.norm().item<double>();
            return (primalReport.Succeeded && kernelReport.Succeeded && error <= 1e-8)
                .Label($"{c}: relative difference {error:G3}; {primalReport.Message}; {kernelReport.Message}");
        });
    }

    [Property(MaxTest = 40)]
    public Property Gramian_RandomJacobian_IsSymmetricPositiveSemiDefiniteAndEqualsTheOperator()
    {
        var cases =
            from rows in Gen.Choose(1, 15)
            from columns in Gen.Choose(1, 15)
            from seed in Gen.Choose(0, int.MaxValue)
            select (rows, columns, seed);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var scope = torch.NewDisposeScope();
            var jacobian = GaussianTensors.Gaussian(new Random(c.seed), c.rows, c.columns);

            var gramian = LeastSquares.Gramian(jacobian);

            var smallest = torch.linalg.eigvalsh(gramian).min().item<double>();
            var largest = gramian.diagonal().sum().item<double>();
            var operatorError = (gramian - LinearOperator.Dense(jacobian).Gramian().ToDense()).abs().max().item<double>();
            return (gramian.eq(gramian.t()).all().item<bool>() && smallest >= -1e-13 * largest && operatorError <= 1e-13 * largest)
                .Label($"{c}: λmin = {smallest:G3}, trace {largest:G3}, operator error {operatorError:G3}");
        });
    }

    [Fact]
    public void Step_MovingAverage_SecondStepUsesBetaOldPlusOneMinusBetaNewGramian()
    {
        using var problem = new TanhModelResiduals(residuals: 20, hidden: 6, parameters: 5, seed: 9, noise: 0.1);
        using var scope = torch.NewDisposeScope();
        var theta = problem.Start.clone();
        var (_, j0) = problem.ResidualsAndJacobian(theta);
        using var engd = new Engd(new GramianOptions { MovingAverage = 0.3, Damping = 1e-6 });

        engd.Step(problem, theta);
        var theta1 = theta.clone();
        var (r1, j1) = problem.ResidualsAndJacobian(theta1);
        engd.Step(problem, theta);

        var average = 0.3 * LeastSquares.Gramian(j0) + 0.7 * LeastSquares.Gramian(j1);
        var (expected, _) = SymmetricSolve.Solve(LinearOperator.Dense(average).AddIdentity(1e-6), j1.t().mv(r1));
        var taken = theta1 - theta;
        var eta = taken.dot(expected).item<double>() / expected.dot(expected).item<double>();
        var exponent = -Math.Log2(eta);
        Assert.True(Math.Abs(exponent - Math.Round(exponent)) < 1e-9, $"η = {eta:R} is not a power of two");
        Assert.True((taken - eta * expected).abs().max().item<double>() <= 1e-10 * taken.abs().max().item<double>());
    }

    [Theory]
    [InlineData("engd")]
    [InlineData("engd:ema=0.3")]
    [InlineData("gauss-newton")]
    [InlineData("engd-woodbury")]
    public void Step_RosenbrockResiduals_ReachesLossBelow1e20(string spec)
    {
        var rosenbrock = new RosenbrockResiduals(2);
        using var theta = RosenbrockObjective.Start(2);
        using var optimizer = OptimizerCatalog.Default.Create(Assert.Single(OptimizerSpec.Parse(spec)));

        var results = OptimizerRun.Run(optimizer, rosenbrock, theta, maxSteps: 200);

        var loss = rosenbrock.Value(theta);
        Assert.True(loss <= 1e-20, $"{spec}: loss {loss:G3} after {results.Count} steps; last: {results[^1].Stop} {results[^1].Message}");
        Assert.All(results, r => Assert.True(double.IsFinite(r.Loss)));
    }

    [Theory]
    [InlineData("engd")]
    [InlineData("engd-woodbury")]
    public void Step_TanhModelWithFewerResidualsThanParameters_ReachesLossBelow1e20(string spec)
    {
        using var problem = new TanhModelResiduals(residuals: 12, hidden: 8, parameters: 30, seed: 5);
        using var theta = problem.Start.clone();
        using var optimizer = OptimizerCatalog.Default.Create(Assert.Single(OptimizerSpec.Parse(spec)));

        var results = OptimizerRun.Run(optimizer, problem, theta, maxSteps: 100);

        var loss = problem.Value(theta);
        Assert.True(loss <= 1e-20, $"{spec}: loss {loss:G3} after {results.Count} steps; last: {results[^1].Stop} {results[^1].Message}");
    }

    [Theory]
    [InlineData("engd")]
    [InlineData("gauss-newton")]
    [InlineData("engd-woodbury:damping=0")]
    public void Step_SingularJacobianOfDuplicatedColumns_NeverThrowsAndReachesLeastSquaresLoss(string spec)
    {
        using var problem = new LinearResiduals(15, 8, 21, noise: 0.5, duplicatedColumns: 2);
        using var theta = torch.zeros(8, ScalarType.Float64);
        using var optimizer = OptimizerCatalog.Default.Create(Assert.Single(OptimizerSpec.Parse(spec)));

        var results = OptimizerRun.Run(optimizer, problem, theta, maxSteps: 30);

        var loss = problem.Value(theta);
        Assert.True(Math.Abs(loss - problem.MinimumLoss) <= 1e-10 * problem.MinimumLoss, $"{spec}: {loss:R} vs {problem.MinimumLoss:R}; {results[^1].Message}");
    }

    [Fact]
    public void Step_LossNeverDecreases_RaisesDampingEachStepThenStopsWithReason()
    {
        using var inner = new LinearResiduals(6, 4, 2, noise: 0.1);
        var objective = new NoDescent(inner);
        using var theta = torch.zeros(4, ScalarType.Float64);
        using var before = theta.clone();
        using var engd = new Engd(new GramianOptions { GridExponents = 3 });

        var results = OptimizerRun.Run(engd, objective, theta, maxSteps: 40);

        Assert.Equal(StopReason.LineSearchFailed, results[^1].Stop);
        Assert.Equal(21, results.Count);
        Assert.Contains("damping raised 1E-10 → 1E-09", results[0].Message);
        Assert.Contains("would exceed", results[^1].Message);
        Assert.True(theta.eq(before).all().item<bool>());
        Assert.True(engd.CurrentDamping > engd.Options.MaxDamping);
    }

    [Fact]
    public void Step_ZeroResidualOrNonFiniteResidual_StopsWithReasonAndLeavesTheta()
    {
        var rosenbrock = new RosenbrockResiduals(3);
        using var theta = torch.ones(3, ScalarType.Float64);
        using var engd = new Engd();
        var atSolution = engd.Step(rosenbrock, theta);

        using var tanh = new TanhModelResiduals(4, 3, 3, 1);
        using var nan = torch.full(3, double.NaN, ScalarType.Float64);
        var nonFinite = engd.Step(tanh, nan);

        Assert.Equal(StopReason.GradientTolerance, atSolution.Stop);
        Assert.Equal(0, atSolution.Loss);
        Assert.Equal(3, theta.sum().item<double>());
        Assert.Equal(StopReason.NonFinite, nonFinite.Stop);
        Assert.Contains("θ left unchanged", nonFinite.Message);
    }

    [Fact]
    public void Step_PlainObjective_ThrowsOneLineArgumentException()
    {
        using var quadratic = new ConvexQuadratic(3, 1, 10);
        using var theta = torch.zeros(3, ScalarType.Float64);

        foreach (var optimizer in new GramianOptimizer[] { new Engd(), new EngdWoodbury(), Engd.GaussNewton() })
        {
            using (optimizer)
            {
                var error = Assert.Throws<ArgumentException>(() => optimizer.Step(quadratic, theta));
                Assert.StartsWith($"{optimizer.Name} needs a least-squares residual objective", error.Message);
                Assert.DoesNotContain('\n', error.Message);
            }
        }
    }

    [Fact]
    public void Options_InvalidValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Engd(new GramianOptions { Damping = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Engd(new GramianOptions { MovingAverage = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngdWoodbury(new GramianOptions { MovingAverage = 0.3 }));
        Assert.Equal("gauss-newton", Engd.GaussNewton().Name);
        Assert.Equal(0, Engd.GaussNewton().Options.Damping);
    }

    /// <summary>Residuals and Jacobian of <paramref name="inner"/>, but every loss value is NaN: no line-search trial can succeed.</summary>
    private sealed class NoDescent(LinearResiduals inner) : IResidualObjective
    {
        public long ParameterCount => inner.ParameterCount;
        public long ResidualCount => inner.ResidualCount;
        public Tensor Residuals(Tensor theta) => inner.Residuals(theta);
        public (Tensor Residuals, Tensor Jacobian) ResidualsAndJacobian(Tensor theta) => inner.ResidualsAndJacobian(theta);
        public double Value(Tensor theta) => double.NaN;
        public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta) => inner.ValueAndGradient(theta);
    }
}
