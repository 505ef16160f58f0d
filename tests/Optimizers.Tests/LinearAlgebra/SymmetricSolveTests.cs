using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class SymmetricSolveTests
{
    [Property(MaxTest = 40)]
    public Property Solve_RandomSpdSystem_CholeskyReachesRoundOffAccuracy()
    {
        var cases =
            from n in Gen.Choose(1, 30)
            from seed in Gen.Choose(0, int.MaxValue)
            from decades in Gen.Choose(0, 10)
            select (n, seed, condition: Math.Pow(10, decades));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var scope = torch.NewDisposeScope();
            var random = new Random(c.seed);
            var matrix = GaussianTensors.Symmetric(random, GaussianTensors.LogSpaced(c.n, c.condition));
            var exact = GaussianTensors.Gaussian(random, c.n);
            var (x, report) = SymmetricSolve.Solve(matrix, matrix.mv(exact));
            var error = (x - exact).norm().item<double>() / exact.norm().item<double>();
            return (report.Method == SolveMethod.Cholesky && report.Exit == SolveExit.Solved && report.Succeeded
                    && report.RelativeResidual <= 1e-13 && error <= 1e-14 * c.condition * c.n
                    && report.ConditionEstimate <= 1.0001 * c.condition)
                .Label($"n={c.n} κ={c.condition:G3}: {report}, error {error:G3}");
        });
    }

    [Theory]
    [InlineData(6, 1)]
    [InlineData(12, 3)]
    public void Solve_SingularGramianOfDuplicatedColumns_GivesPseudoInverseAnswerWithoutThrowing(int columns, int duplicated)
    {
        using var scope = torch.NewDisposeScope();
        using var problem = new LinearResiduals(20, columns, 7, duplicatedColumns: duplicated);
        var gramian = LeastSquares.Gramian(problem.Matrix);
        var rhs = GaussianTensors.Gaussian(new Random(3), columns);

        var (x, report) = SymmetricSolve.Solve(gramian, rhs);

        var (w, v) = torch.linalg.eigh(gramian);
        var kept = torch.where(w.gt(1e-10 * w.max()), w.reciprocal(), torch.zeros_like(w));
        var expected = v.matmul(kept.mul(v.t().mv(rhs)));
        Assert.Equal(SolveMethod.EigenPseudoInverse, report.Method);
        Assert.Equal(SolveExit.RankDeficient, report.Exit);
        Assert.True(report.Succeeded);
        Assert.Contains($"kept {columns - duplicated} of {columns}", report.Message);
        Assert.True((x - expected).abs().max().item<double>() <= 1e-10 * expected.abs().max().item<double>(), report.ToString());
        for (var j = 0; j < duplicated; j++)
        {
            Assert.Equal(x[j].item<double>(), x[columns - 1 - j].item<double>(), 1e-12); // minimum norm: no null-space part
        }
    }

    [Fact]
    public void Solve_IndefiniteMatrix_UsesPositivePartAndGivesDescentDirection()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(11);
        var eigenvalues = new[] { 4.0, 2.0, 1e-3, -1.0, -5.0 };
        var matrix = GaussianTensors.Symmetric(random, eigenvalues);
        var rhs = GaussianTensors.Gaussian(random, 5);

        var (x, report) = SymmetricSolve.Solve(matrix, rhs);

        var (w, v) = torch.linalg.eigh(matrix);
        var positive = torch.where(w.gt(0), w.reciprocal(), torch.zeros_like(w));
        var expected = v.matmul(positive.mul(v.t().mv(rhs)));
        Assert.Equal(SolveMethod.EigenPseudoInverse, report.Method);
        Assert.Equal(SolveExit.RankDeficient, report.Exit);
        Assert.Equal(double.PositiveInfinity, report.ConditionEstimate);
        Assert.True((x - expected).abs().max().item<double>() < 1e-12 * expected.abs().max().item<double>());
        Assert.True(rhs.dot(x).item<double>() > 0, "bᵀx > 0: −x is a descent direction for gradient b");
    }

    [Fact]
    public void Solve_NegativeDefiniteOrNonFinite_ReturnsZeroWithReason()
    {
        using var scope = torch.NewDisposeScope();
        var rhs = torch.ones(3, ScalarType.Float64);

        var (x1, negative) = SymmetricSolve.Solve(-torch.eye(3, dtype: ScalarType.Float64), rhs);
        var nan = torch.eye(3, dtype: ScalarType.Float64);
        nan[1, 1] = double.NaN;
        var (x2, nonFinite) = SymmetricSolve.Solve(nan, rhs);

        Assert.Equal(SolveExit.Breakdown, negative.Exit);
        Assert.False(negative.Succeeded);
        Assert.Equal(0, x1.abs().max().item<double>());
        Assert.Equal(SolveExit.NonFinite, nonFinite.Exit);
        Assert.Equal(SolveMethod.None, nonFinite.Method);
        Assert.Equal(0, x2.abs().max().item<double>());
    }

    [Fact]
    public void Solve_BlockRightHandSideAndOperator_MatchColumnByColumnSolve()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(5);
        var jacobian = GaussianTensors.Gaussian(random, 8, 5);
        var block = GaussianTensors.Gaussian(random, 5, 3);
        var op = LinearOperator.Dense(jacobian).Gramian().AddIdentity(0.1);

        var (x, report) = SymmetricSolve.Solve(op, block);

        Assert.Equal(new long[] { 5, 3 }, x.shape);
        Assert.Equal(SolveMethod.Cholesky, report.Method);
        for (var k = 0; k < 3; k++)
        {
            var (column, _) = SymmetricSolve.Solve(op, block[.., k].contiguous());
            Assert.True((x[.., k] - column).abs().max().item<double>() < 1e-13);
        }
    }

    [Fact]
    public void Solve_MismatchedShapes_ThrowArgumentException()
    {
        using var scope = torch.NewDisposeScope();
        var matrix = torch.eye(3, dtype: ScalarType.Float64);

        Assert.Throws<ArgumentException>(() => SymmetricSolve.Solve(matrix, torch.ones(4, ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => SymmetricSolve.Solve(torch.ones(3, 4, ScalarType.Float64), torch.ones(3, ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => SymmetricSolve.Solve(matrix.to_type(ScalarType.Float32), torch.ones(3, ScalarType.Float64)));
    }
}
