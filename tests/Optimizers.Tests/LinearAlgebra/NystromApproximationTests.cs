using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class NystromApproximationTests
{
    /// <summary>Random PSD [n, n] with eigenvalues i^(−decay), i = 1..n, and some exact zeros when singular.</summary>
    private static Tensor DecayingMatrix(Random random, int n, double decay, bool singular) =>
        GaussianTensors.Symmetric(random, Enumerable.Range(1, n).Select(i => singular && i > 3 * n / 4 ? 0 : Math.Pow(i, -decay)).ToArray());

    [Property(MaxTest = 25)]
    public Property Build_DoublingTheRankWithTheSameSeed_DoesNotIncreaseTheFrobeniusError()
    {
        var cases =
            from n in Gen.Choose(10, 60)
            from k in Gen.Choose(1, 15)
            from decay in Gen.Elements(1.0, 2.0, 3.0)
            from singular in Gen.Elements(false, true)
            from seed in Gen.Choose(0, int.MaxValue)
            select (n, k, decay, singular, seed);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var scope = torch.NewDisposeScope();
            var a = DecayingMatrix(new Random(c.seed), c.n, c.decay, c.singular);
            var op = LinearOperator.Dense(a);
            using var small = NystromApproximation.Build(op, c.k, c.seed);
            using var large = NystromApproximation.Build(op, 2 * c.k, c.seed);
            var identity = torch.eye(c.n, dtype: ScalarType.Float64);

            var smallError = (a - small.Apply(identity)).norm().item<double>();
            var largeError = (a - large.Apply(identity)).norm().item<double>();
            var orthonormal = (large.Basis.t().matmul(large.Basis) - torch.eye(large.Rank, dtype: ScalarType.Float64)).abs().max().item<double>();
            return (largeError <= smallError + 1e-10 && orthonormal <= 1e-12 && large.Eigenvalues.min().item<double>() >= 0
                    && large.Rank == Math.Min(2 * c.k, c.n))
                .Label($"{c}: ‖A − Â‖_F rank {c.k}: {smallError:G6}, rank {2 * c.k}: {largeError:G6}; UᵀU − I: {orthonormal:G3}");
        });
    }

    [Fact]
    public void Build_FullRank_ReproducesTheMatrix()
    {
        using var scope = torch.NewDisposeScope();
        var a = DecayingMatrix(new Random(3), 20, 1, false);
        using var approximation = NystromApproximation.Build(LinearOperator.Dense(a), 20, 7);
        var error = (a - approximation.Apply(torch.eye(20, dtype: ScalarType.Float64))).abs().max().item<double>();
        Assert.True(error <= 1e-12, $"‖A − Â‖max = {error:G3}");
    }

    [Property(MaxTest = 20)]
    public Property Preconditioner_DecayingSpectrum_PcgNeedsFewerIterationsThanCg()
    {
        var cases =
            from n in Gen.Choose(40, 80)
            from decay in Gen.Elements(2.0, 3.0)
            from shiftExponent in Gen.Choose(-8, -4)
            from seed in Gen.Choose(0, int.MaxValue)
            select (n, decay, shift: Math.Pow(10, shiftExponent), seed);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var scope = torch.NewDisposeScope();
            var random = new Random(c.seed);
            var a = DecayingMatrix(random, c.n, c.decay, false);
            var b = GaussianTensors.Gaussian(random, c.n);
            var system = LinearOperator.Dense(a).AddIdentity(c.shift);
            using var approximation = NystromApproximation.Build(LinearOperator.Dense(a), c.n / 4, c.seed);
            var preconditioner = approximation.Preconditioner(c.shift);
            var options = new ConjugateGradientOptions { RelativeTolerance = 1e-10, MaxIterations = 2000 };

            var (_, plain) = ConjugateGradient.Solve(system, b, options: options);
            var (_, preconditioned) = ConjugateGradient.Solve(system, b, preconditioner: preconditioner, options: options);

            var dense = preconditioner.ToDense();
            var symmetric = (dense - dense.t()).abs().max().item<double>() <= 1e-12;
            return (preconditioned.Succeeded && preconditioned.Iterations < plain.Iterations && symmetric)
                .Label($"{c}: CG {plain.Iterations} ({plain.Exit}), Nyström PCG {preconditioned.Iterations} ({preconditioned.Exit})");
        });
    }

    [Fact]
    public void Preconditioner_EqualsTheFormulaOfFrangellaTroppUdell()
    {
        using var scope = torch.NewDisposeScope();
        var a = DecayingMatrix(new Random(5), 15, 2, false);
        using var approximation = NystromApproximation.Build(LinearOperator.Dense(a), 5, 1);
        const double mu = 1e-3;
        var u = approximation.Basis;
        var lambda = approximation.Eigenvalues;
        var expected = (approximation.SmallestEigenvalue + mu) * u.matmul(torch.diag(lambda.add(mu).reciprocal())).matmul(u.t())
                       + torch.eye(15, dtype: ScalarType.Float64) - u.matmul(u.t());

        var error = (approximation.Preconditioner(mu).ToDense() - expected).abs().max().item<double>();

        Assert.True(error <= 1e-12, $"max error {error:G3}");
    }

    [Fact]
    public void Build_NonSquareOperator_ThrowsArgumentException()
    {
        using var matrix = torch.zeros(3, 4, ScalarType.Float64);
        Assert.Throws<ArgumentException>(() => NystromApproximation.Build(LinearOperator.Dense(matrix), 2));
    }
}
