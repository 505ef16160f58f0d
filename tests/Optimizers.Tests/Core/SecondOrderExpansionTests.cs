using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class SecondOrderExpansionTests
{
    [Property(MaxTest = 20)]
    public Property Autograd_QuadraticForm_HessianEqualsItsMatrix()
    {
        var cases =
            from n in Gen.Choose(1, 30)
            from seed in Gen.Choose(0, int.MaxValue)
            select (n, seed);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var scope = torch.NewDisposeScope();
            using var quadratic = new ConvexQuadratic(c.n, c.seed, 1e3);
            var theta = GaussianTensors.Gaussian(new Random(c.seed), c.n);
            using var expansion = SecondOrderExpansion.Autograd(theta, x => 0.5 * x.dot(quadratic.Matrix.mv(x)) - x.dot(quadratic.Matrix.mv(quadratic.Solution)));
            var hessianError = (expansion.Hessian.ToDense() - quadratic.Matrix).abs().max().item<double>();
            var gradientError = (expansion.Gradient - quadratic.Gradient(theta)).abs().max().item<double>();
            return (hessianError <= 1e-12 && gradientError <= 1e-12 && Math.Abs(expansion.Loss - quadratic.Value(theta)) <= 1e-12 * (1 + Math.Abs(expansion.Loss)))
                .Label($"{c}: |H − A|max = {hessianError:G3}, |g − ∇f|max = {gradientError:G3}");
        });
    }

    [Fact]
    public void Autograd_Rosenbrock2d_HessianEqualsTheClosedForm()
    {
        using var scope = torch.NewDisposeScope();
        var rosenbrock = new RosenbrockObjective(2);
        var theta = torch.tensor(new[] { -1.2, 1.0 }, ScalarType.Float64);
        using var expansion = rosenbrock.Expand(theta);
        var (x, y) = (-1.2, 1.0);
        var exact = torch.tensor(new[] { 1200 * x * x - 400 * y + 2, -400 * x, -400 * x, 200 }, ScalarType.Float64).view(2, 2);

        Assert.True((expansion.Hessian.ToDense() - exact).abs().max().item<double>() <= 1e-10);
        Assert.Equal(rosenbrock.Value(theta), expansion.Loss, 12);
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(8, 2)]
    public void Autograd_ChainedRosenbrock_ProductsEqualFiniteDifferencesOfGradients(int dimension, int seed)
    {
        using var scope = torch.NewDisposeScope();
        var rosenbrock = new RosenbrockObjective(dimension);
        var random = new Random(seed);
        var theta = RosenbrockObjective.Start(dimension).add(GaussianTensors.Gaussian(random, dimension), 0.1);
        var v = GaussianTensors.Gaussian(random, dimension);
        using var expansion = rosenbrock.Expand(theta);
        const double h = 1e-6;
        var (_, plus) = rosenbrock.ValueAndGradient(theta + h * v);
        var (_, minus) = rosenbrock.ValueAndGradient(theta - h * v);
        var finiteDifference = (plus - minus) / (2 * h);
        var product = expansion.Hessian.Apply(v);

        var error = ((product - finiteDifference).abs().max() / finiteDifference.abs().max()).item<double>();
        Assert.True(error <= 1e-7, $"relative error {error:G3}");
    }

    [Fact]
    public void Autograd_BlockApply_EqualsColumnByColumnAndIsSymmetric()
    {
        using var scope = torch.NewDisposeScope();
        using var fit = new TanhModelResiduals(residuals: 12, hidden: 5, parameters: 7, seed: 3, noise: 0.3);
        using var expansion = fit.Expand(fit.Start);
        var block = GaussianTensors.Gaussian(new Random(4), 7, 3);
        var together = expansion.Hessian.Apply(block);
        var apart = torch.stack(Enumerable.Range(0, 3).Select(j => expansion.Hessian.Apply(block[.., j].contiguous())).ToArray(), 1);
        var dense = expansion.Hessian.ToDense();

        Assert.True((together - apart).abs().max().item<double>() == 0);
        Assert.True((dense.matmul(block) - together).abs().max().item<double>() <= 1e-12 * (1 + together.abs().max().item<double>()));
        Assert.True((dense - dense.t()).abs().max().item<double>() == 0);
    }

    [Fact]
    public void GaussNewton_LinearResiduals_IsTwiceTheGramianAndEqualsTheHessian()
    {
        using var scope = torch.NewDisposeScope();
        using var linear = new LinearResiduals(rows: 15, columns: 6, seed: 8, noise: 0.2);
        var theta = GaussianTensors.Gaussian(new Random(9), 6);
        using var gaussNewton = SecondOrderExpansion.GaussNewton(linear, theta);
        using var exact = linear.Expand(theta);
        var twiceGramian = linear.Matrix.t().matmul(linear.Matrix).mul(2);
        var (loss, gradient) = linear.ValueAndGradient(theta);

        Assert.True((gaussNewton.Hessian.ToDense() - twiceGramian).abs().max().item<double>() <= 1e-12);
        Assert.True((exact.Hessian.ToDense() - twiceGramian).abs().max().item<double>() <= 1e-11);
        Assert.True((gaussNewton.Gradient - gradient).abs().max().item<double>() <= 1e-12);
        Assert.Equal(loss, gaussNewton.Loss, 12);
    }

    [Fact]
    public void GaussNewton_NonlinearResiduals_EqualsTwiceJtJFromTheAutogradJacobian()
    {
        using var scope = torch.NewDisposeScope();
        using var fit = new TanhModelResiduals(residuals: 20, hidden: 6, parameters: 9, seed: 5, noise: 0.1);
        using var gaussNewton = SecondOrderExpansion.GaussNewton(fit, fit.Start);
        var jacobian = fit.AutogradJacobian(fit.Start);
        var v = GaussianTensors.Gaussian(new Random(6), 9);

        var expected = jacobian.t().mv(jacobian.mv(v)).mul(2);
        Assert.True((gaussNewton.Hessian.Apply(v) - expected).abs().max().item<double>() <= 1e-12 * (1 + expected.abs().max().item<double>()));
    }

    [Fact]
    public void Autograd_LossIndependentOfTheta_GivesZeroHessian()
    {
        using var scope = torch.NewDisposeScope();
        var theta = torch.ones(4, ScalarType.Float64);
        using var expansion = SecondOrderExpansion.Autograd(theta, x => torch.tensor(3.0, ScalarType.Float64));

        Assert.Equal(3.0, expansion.Loss);
        Assert.Equal(0, expansion.Hessian.ToDense().abs().max().item<double>());
        Assert.Equal(0, expansion.Gradient.abs().max().item<double>());
    }

    [Fact]
    public void Apply_WrongShape_ThrowsInsteadOfAborting()
    {
        using var scope = torch.NewDisposeScope();
        var rosenbrock = new RosenbrockObjective(3);
        using var expansion = rosenbrock.Expand(RosenbrockObjective.Start(3));
        Assert.Throws<ArgumentException>(() => expansion.Hessian.Apply(torch.ones(4, ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => expansion.Hessian.Apply(torch.ones(3, ScalarType.Float32)));
    }

    [Fact]
    public void Hutchinson_ManyRademacherProbes_ApproachTheDiagonal()
    {
        using var scope = torch.NewDisposeScope();
        var matrix = GaussianTensors.Symmetric(new Random(2), [5, -3, 2, 1, 0.5, -0.2]);
        var estimate = Hutchinson.Diagonal(LinearOperator.Dense(matrix), seed: 1, counter: 7, samples: 4000);
        var again = Hutchinson.Diagonal(LinearOperator.Dense(matrix), seed: 1, counter: 7, samples: 4000);
        var probe = Hutchinson.Probe(50, 3, 4, 0, gaussian: false);

        Assert.True((estimate - matrix.diagonal()).abs().max().item<double>() <= 0.2);
        Assert.True(estimate.eq(again).all().item<bool>());
        Assert.True(probe.abs().eq(1).all().item<bool>());
    }

    [Fact]
    public void Nystrom_IndefiniteMatrixWithAllowIndefinite_BuildsANonNegativeApproximation()
    {
        using var scope = torch.NewDisposeScope();
        var matrix = GaussianTensors.Symmetric(new Random(5), [10, 4, 1, -2, -6, 0.1, 0.01, 3]);
        using var approximation = NystromApproximation.Build(LinearOperator.Dense(matrix), 5, seed: 2, allowIndefinite: true);
        using var restored = NystromApproximation.Restore(approximation.Basis, approximation.Eigenvalues, approximation.Shift);
        var v = GaussianTensors.Gaussian(new Random(6), 8);

        Assert.True(approximation.Eigenvalues.min().item<double>() >= 0);
        Assert.True(approximation.Eigenvalues.max().item<double>() > 1);
        Assert.True(approximation.Apply(v).eq(restored.Apply(v)).all().item<bool>());
        Assert.True(approximation.Preconditioner(1e-3).Apply(v).eq(restored.Preconditioner(1e-3).Apply(v)).all().item<bool>());
    }

    [Fact]
    public void ConjugateGradient_StopRule_EndsTheSolveWhenItSaysSo()
    {
        using var scope = torch.NewDisposeScope();
        var matrix = GaussianTensors.Symmetric(new Random(1), GaussianTensors.LogSpaced(30, 1e4));
        var rhs = GaussianTensors.Gaussian(new Random(2), 30);
        var seen = new List<int>();

        var (_, report) = ConjugateGradient.Solve(LinearOperator.Dense(matrix), rhs, stop: (i, x, r) => { seen.Add(i); return i == 3; });

        Assert.Equal(3, report.Iterations);
        Assert.Equal(SolveExit.ToleranceReached, report.Exit);
        Assert.Equal([1, 2, 3], seen);
    }
}

[Collection(nameof(TensorCountCollection))]
public class SecondOrderExpansionLeakTests
{
    [Fact]
    public void Dispose_AfterManyProducts_ReleasesTheGraphAndEveryTensor()
    {
        using var fit = new TanhModelResiduals(residuals: 20, hidden: 6, parameters: 9, seed: 5, noise: 0.1);
        using var v = torch.ones(9, ScalarType.Float64);
        var before = LiveTensors();

        for (var i = 0; i < 5; i++)
        {
            using var scope = torch.NewDisposeScope();
            using var expansion = fit.Expand(fit.Start);
            for (var j = 0; j < 10; j++) expansion.Hessian.Apply(v);
            using var gaussNewton = SecondOrderExpansion.GaussNewton(fit, fit.Start);
            gaussNewton.Hessian.Apply(v);
        }

        Assert.Equal(before, LiveTensors());
    }

    private static long LiveTensors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return torch.Tensor.TotalCount;
    }
}
