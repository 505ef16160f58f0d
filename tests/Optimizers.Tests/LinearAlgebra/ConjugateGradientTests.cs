using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class ConjugateGradientTests
{
    [Property(MaxTest = 40)]
    public Property Solve_RandomSpdSystem_ReachesTolerance()
    {
        var cases =
            from n in Gen.Choose(1, 40)
            from seed in Gen.Choose(0, int.MaxValue)
            from decades in Gen.Choose(0, 8)
            select (n, seed, condition: Math.Pow(10, decades / 2.0));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var scope = torch.NewDisposeScope();
            var random = new Random(c.seed);
            var matrix = GaussianTensors.Symmetric(random, GaussianTensors.LogSpaced(c.n, c.condition));
            var exact = GaussianTensors.Gaussian(random, c.n);
            var options = new ConjugateGradientOptions { RelativeTolerance = 1e-10 };

            var (x, report) = ConjugateGradient.Solve(LinearOperator.Dense(matrix), matrix.mv(exact), options: options);

            var error = (x - exact).norm().item<double>() / exact.norm().item<double>();
            return (report.Exit == SolveExit.ToleranceReached && report.RelativeResidual <= 1.01e-10 && error <= 1e-9 * c.condition)
                .Label($"n={c.n} κ={c.condition:G3}: {report}, error {error:G3}");
        });
    }

    [Fact]
    public void Solve_JacobiPreconditionerOnBadlyScaledSystem_NeedsFewerIterations()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(2);
        var scales = torch.logspace(-3, 3, 30, dtype: ScalarType.Float64);
        var matrix = scales.unsqueeze(1) * GaussianTensors.Symmetric(random, GaussianTensors.LogSpaced(30, 10)) * scales;
        var rhs = GaussianTensors.Gaussian(random, 30);
        var jacobi = LinearOperator.Dense(torch.diag(matrix.diagonal().reciprocal()));

        var (_, plain) = ConjugateGradient.Solve(LinearOperator.Dense(matrix), rhs);
        var (_, preconditioned) = ConjugateGradient.Solve(LinearOperator.Dense(matrix), rhs, preconditioner: jacobi);

        Assert.Equal(SolveExit.ToleranceReached, preconditioned.Exit);
        Assert.True(preconditioned.Iterations < plain.Iterations / 2, $"{preconditioned.Iterations} vs {plain.Iterations} iterations");
    }

    [Fact]
    public void Solve_MatrixFreeDampedGramianWithWarmStart_MatchesDenseSolveAndStopsAtOnce()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(4);
        var jacobian = GaussianTensors.Gaussian(random, 25, 10);
        var rhs = GaussianTensors.Gaussian(random, 10);
        var op = LinearOperator.Dense(jacobian).Gramian().AddIdentity(1e-3);

        var (x, report) = ConjugateGradient.Solve(op, rhs, options: new ConjugateGradientOptions { RelativeTolerance = 1e-13 });
        var (dense, _) = SymmetricSolve.Solve(op, rhs);
        var (again, warm) = ConjugateGradient.Solve(op, rhs, initialGuess: x, options: new ConjugateGradientOptions { RelativeTolerance = 1e-12 });

        Assert.True((x - dense).abs().max().item<double>() < 1e-10 * dense.abs().max().item<double>(), report.ToString());
        Assert.Equal(0, warm.Iterations);
        Assert.Equal(SolveExit.ToleranceReached, warm.Exit);
        Assert.True(again.eq(x).all().item<bool>());
    }

    [Fact]
    public void Solve_IndefiniteOrLimited_EndsWithReasonWithoutThrowing()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(9);
        var indefinite = GaussianTensors.Symmetric(random, [-3, -1, -2, -0.5]);
        var spd = GaussianTensors.Symmetric(random, GaussianTensors.LogSpaced(20, 1e6));
        var rhs4 = GaussianTensors.Gaussian(random, 4);
        var rhs20 = GaussianTensors.Gaussian(random, 20);

        var (x, negative) = ConjugateGradient.Solve(LinearOperator.Dense(indefinite), rhs4);
        var (_, limited) = ConjugateGradient.Solve(LinearOperator.Dense(spd), rhs20, options: new ConjugateGradientOptions { MaxIterations = 3 });

        Assert.Equal(SolveExit.NegativeCurvature, negative.Exit);
        Assert.True(torch.isfinite(x).all().item<bool>());
        Assert.Equal(SolveExit.IterationLimit, limited.Exit);
        Assert.Equal(3, limited.Iterations);
        Assert.False(limited.Succeeded);
    }
}
