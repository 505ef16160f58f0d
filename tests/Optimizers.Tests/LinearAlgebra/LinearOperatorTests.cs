using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class LinearOperatorTests
{
    private static readonly Gen<(int Rows, int Columns, int Seed, double Damping, double Factor)> Cases =
        from rows in Gen.Choose(1, 9)
        from columns in Gen.Choose(1, 9)
        from seed in Gen.Choose(0, int.MaxValue)
        from dampingExponent in Gen.Choose(-12, 2)
        from factor in Gen.Choose(-30, 30)
        select (rows, columns, seed, Math.Pow(10, dampingExponent), factor / 10.0);

    [Property(MaxTest = 40)]
    public Property EveryOperator_ApplyAndAdjoint_EqualTheirDenseMatrix()
    {
        return Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            using var scope = torch.NewDisposeScope();
            var random = new Random(c.Seed);
            var (j, other, square) = (GaussianTensors.Gaussian(random, c.Rows, c.Columns), GaussianTensors.Gaussian(random, c.Rows, c.Columns),
                GaussianTensors.Gaussian(random, c.Columns, c.Columns));
            var failures = new List<string>();
            foreach (var (name, op, expected) in Operators(j, other, square, c.Damping, c.Factor))
            {
                var dense = op.ToDense();
                var v = GaussianTensors.Gaussian(random, op.Columns);
                var block = GaussianTensors.Gaussian(random, op.Columns, 3);
                var u = GaussianTensors.Gaussian(random, op.Rows);
                var scale = 1 + expected.abs().max().item<double>();
                var error = new[]
                {
                    (dense - expected).abs().max().item<double>(),
                    (op.Apply(v) - expected.mv(v)).abs().max().item<double>(),
                    (op.Apply(block) - expected.matmul(block)).abs().max().item<double>(),
                    (op.ApplyAdjoint(u) - expected.t().mv(u)).abs().max().item<double>(),
                }.Max();
                if (!(error <= 1e-13 * scale * scale) || op.Rows != expected.shape[0] || op.Columns != expected.shape[1])
                {
                    failures.Add($"{name}: error {error:G3}");
                }
            }
            return (failures.Count == 0).Label($"{c}: {string.Join("; ", failures)}");
        });
    }

    [Property(MaxTest = 40)]
    public Property EveryOperator_AdjointIdentity_InnerProductsAgree()
    {
        return Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            using var scope = torch.NewDisposeScope();
            var random = new Random(c.Seed);
            var (j, other, square) = (GaussianTensors.Gaussian(random, c.Rows, c.Columns), GaussianTensors.Gaussian(random, c.Rows, c.Columns),
                GaussianTensors.Gaussian(random, c.Columns, c.Columns));
            var failures = new List<string>();
            foreach (var (name, op, _) in Operators(j, other, square, c.Damping, c.Factor))
            {
                var v = GaussianTensors.Gaussian(random, op.Columns);
                var u = GaussianTensors.Gaussian(random, op.Rows);
                var left = u.dot(op.Apply(v)).item<double>();
                var right = op.ApplyAdjoint(u).dot(v).item<double>();
                var scale = u.norm().item<double>() * v.norm().item<double>() * (1 + op.ToDense().abs().max().item<double>());
                if (!(Math.Abs(left - right) <= 1e-13 * scale))
                {
                    failures.Add($"{name}: ⟨u, Av⟩ = {left:R}, ⟨Aᵀu, v⟩ = {right:R}");
                }
            }
            return (failures.Count == 0).Label($"{c}: {string.Join("; ", failures)}");
        });
    }

    [Fact]
    public void Adjoint_OfAdjoint_IsTheOriginalOperator()
    {
        using var matrix = torch.ones(2, 3, ScalarType.Float64);
        var op = LinearOperator.Dense(matrix);

        Assert.Same(op, op.Adjoint().Adjoint());
    }

    [Fact]
    public void Operators_WrongShapes_ThrowArgumentExceptionInsteadOfAborting()
    {
        using var scope = torch.NewDisposeScope();
        var j = LinearOperator.Dense(torch.ones(4, 3, ScalarType.Float64));

        Assert.Throws<ArgumentException>(() => j.Apply(torch.ones(4, ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => j.ApplyAdjoint(torch.ones(3, ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => j.Apply(torch.ones(3, ScalarType.Float32)));
        Assert.Throws<ArgumentException>(() => j.Gramian().Apply(torch.ones(4, 2, ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => j.Compose(j));
        Assert.Throws<ArgumentException>(() => j.Plus(j.Adjoint()));
        Assert.Throws<ArgumentException>(() => j.AddIdentity(1));
        Assert.Throws<ArgumentException>(() => LinearOperator.Dense(torch.ones(3, ScalarType.Float64)));
    }

    /// <summary>Each composite built from J [m, n], K [m, n], S [n, n], with its expected dense matrix.</summary>
    private static IEnumerable<(string Name, ILinearOperator Operator, Tensor Expected)> Operators(
        Tensor j, Tensor k, Tensor s, double damping, double factor)
    {
        var jOp = LinearOperator.Dense(j);
        var kOp = LinearOperator.Dense(k);
        var sOp = LinearOperator.Dense(s);
        var identityN = torch.eye(j.shape[1], dtype: ScalarType.Float64);
        var identityM = torch.eye(j.shape[0], dtype: ScalarType.Float64);
        yield return ("J", jOp, j);
        yield return ("Jᵀ", jOp.Adjoint(), j.t());
        yield return ("JᵀJ", jOp.Gramian(), j.t().matmul(j));
        yield return ("JJᵀ", jOp.Kernel(), j.matmul(j.t()));
        yield return ("JᵀJ + λI", jOp.Gramian().AddIdentity(damping), j.t().matmul(j) + damping * identityN);
        yield return ("JJᵀ + λI", jOp.Kernel().AddIdentity(damping), j.matmul(j.t()) + damping * identityM);
        yield return ("J + K", jOp.Plus(kOp), j + k);
        yield return ("cJ", jOp.Scale(factor), factor * j);
        yield return ("J S", jOp.Compose(sOp), j.matmul(s));
        yield return ("(J S)ᵀ", jOp.Compose(sOp).Adjoint(), j.matmul(s).t());
        yield return ("c(JᵀK) + λI", jOp.Adjoint().Compose(kOp).Scale(factor).AddIdentity(damping), factor * j.t().matmul(k) + damping * identityN);
    }
}
