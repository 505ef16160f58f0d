using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class KfacTests
{
    private static Tensor Spd(Random random, int n, double shift = 0.1)
    {
        var g = GaussianTensors.Gaussian(random, n, n + 2);
        return g.matmul(g.t()) / n + shift * torch.eye(n, dtype: ScalarType.Float64);
    }

    private static Tensor Eye(long n) => torch.eye(n, dtype: ScalarType.Float64);

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(1, 1e-3)]
    [InlineData(2, 0.0)]
    [InlineData(2, 1e-3)]
    public void Solve_OneOrTwoKroneckerProducts_EqualsDenseSolve(int count, double damping)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(count);
        const int outputs = 3, inputs = 5;
        var pairs = Enumerable.Range(0, count).Select(_ => (Spd(random, inputs), Spd(random, outputs))).ToArray();
        var gradient = GaussianTensors.Gaussian(random, outputs, inputs);
        var dense = pairs.Select(p => torch.kron(p.Item2 + damping * Eye(outputs), p.Item1 + damping * Eye(inputs))).Aggregate((a, b) => a + b);
        var expected = torch.linalg.solve(dense, gradient.reshape(-1)).view(outputs, inputs);

        var solved = KroneckerInverse.Solve(pairs, gradient, damping);

        var error = ((solved - expected).abs().max() / expected.abs().max()).item<double>();
        Assert.True(error < 1e-10, $"relative error {error:E2}");
    }

    [Fact]
    public void Merge_ThreeTermsInTwoGroups_CountWeightsInputsAndSumsOutputs()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(3);
        var terms = new[]
        {
            new KroneckerTerm(Spd(random, 4), Spd(random, 2), 10, 0),
            new KroneckerTerm(Spd(random, 4), Spd(random, 2), 30, 1),
            new KroneckerTerm(Spd(random, 4), Spd(random, 2), 10, 1),
        };

        var merged = KroneckerInverse.Merge(terms);

        Assert.Equal(2, merged.Count);
        Assert.True(torch.allclose(merged[0].Input, terms[0].Input));
        Assert.True(torch.allclose(merged[1].Input, terms[1].Input * 0.75 + terms[2].Input * 0.25, 1e-14, 1e-14));
        Assert.True(torch.allclose(merged[1].Output, terms[1].Output + terms[2].Output, 1e-14, 1e-14));
    }

    [Fact]
    public void Step_ExactKroneckerSum_ConvergesLikeGaussNewton()
    {
        using var objective = new KroneckerLeastSquares(3, 4, 7, 40, 25);
        using var theta = objective.Start.clone();
        using var kfac = new Kfac(new KfacOptions { Momentum = 0, MovingAverage = 0, InitializeToIdentity = false });
        var initial = objective.Value(theta);

        for (var i = 0; i < 2; i++)
        {
            using var scope = torch.NewDisposeScope();
            var result = kfac.Step(objective, theta);
            Assert.Equal(StopReason.None, result.Stop);
        }

        Assert.True(objective.Value(theta) < 1e-18 * initial, $"loss {initial:E3} → {objective.Value(theta):E3}");
    }

    [Fact]
    public void Step_Auto_ConvergesAndUsesMomentum()
    {
        using var objective = new KroneckerLeastSquares(3, 4, 6, 40, 25);
        using var theta = objective.Start.clone();
        using var kfac = (Kfac)OptimizerCatalog.Default.Create(Assert.Single(OptimizerSpec.Parse("kfac:5:auto=true:ema=0.9")));
        var initial = objective.Value(theta);

        for (var i = 0; i < 12; i++)
        {
            using var scope = torch.NewDisposeScope();
            var result = kfac.Step(objective, theta);
            Assert.True(result.Stop is StopReason.None or StopReason.GradientTolerance, result.Message);
        }

        Assert.True(objective.Value(theta) < 1e-12 * initial, $"loss {initial:E3} → {objective.Value(theta):E3}");
    }

    [Fact]
    public void Jacobian_TestObjective_MatchesKroneckerFactorsExactly()
    {
        using var scope = torch.NewDisposeScope();
        using var objective = new KroneckerLeastSquares(3, 4, 2, 15, 10);
        var (r, j) = objective.ResidualsAndJacobian(objective.Start);
        var e = objective.KroneckerFactors(objective.Start);
        var dense = e.Factors[0].Select(t => torch.kron(t.Output, t.Input)).Aggregate((a, b) => a + b);
        // θ = [W row-major, b] while kron(B, A) is ordered [W | b] row by row: permute to compare.
        var order = torch.cat([torch.arange(12).view(3, 4), torch.arange(12, 15).view(3, 1)], 1).reshape(-1);
        var gramian = j.t().matmul(j).index_select(0, order).index_select(1, order);
        Assert.True(torch.allclose(dense, gramian, 1e-12, 1e-12));
        Assert.True(torch.allclose(2 * j.t().mv(r), e.Gradient, 1e-12, 1e-12));
    }

    [Fact]
    public void Step_DefaultOptions_ReducesTheLoss()
    {
        using var objective = new KroneckerLeastSquares(3, 4, 8, 30, 20);
        using var theta = objective.Start.clone();
        using var kfac = (Kfac)OptimizerCatalog.Default.Create(Assert.Single(OptimizerSpec.Parse("kfac:20")));
        var initial = objective.Value(theta);

        for (var i = 0; i < 20; i++)
        {
            using var scope = torch.NewDisposeScope();
            Assert.NotEqual(StopReason.NonFinite, kfac.Step(objective, theta).Stop);
        }

        Assert.True(objective.Value(theta) < 1e-6 * initial, $"loss {initial:E3} → {objective.Value(theta):E3}");
    }

    [Fact]
    public void SaveAndLoad_MidRun_ContinuesBitForBit()
    {
        using var objective = new KroneckerLeastSquares(3, 4, 9, 30, 20);
        using var straight = objective.Start.clone();
        using var resumed = objective.Start.clone();
        using var first = new Kfac();
        for (var i = 0; i < 8; i++)
        {
            using var scope = torch.NewDisposeScope();
            first.Step(objective, straight);
        }
        using var half = new Kfac();
        for (var i = 0; i < 4; i++)
        {
            using var scope = torch.NewDisposeScope();
            half.Step(objective, resumed);
        }
        var state = half.SaveState();
        using var fresh = new Kfac();
        fresh.LoadState(state);
        for (var i = 0; i < 4; i++)
        {
            using var scope = torch.NewDisposeScope();
            fresh.Step(objective, resumed);
        }

        Assert.True(straight.eq(resumed).all().item<bool>(), "the resumed run differs from the uninterrupted one");
        Assert.Equal(first.CurrentDamping, fresh.CurrentDamping);
        Assert.Throws<InvalidDataException>(() => new Kfac().LoadState(new OptimizerState("adam")));
    }

    [Fact]
    public void Step_NonFiniteLoss_LeavesThetaAndReportsNonFinite()
    {
        using var objective = new KroneckerLeastSquares(2, 3, 1, 10, 10);
        using var theta = objective.Start.clone();
        using var before = theta.clone();
        using var kfac = new Kfac();
        objective.Poisoned = true;

        var result = kfac.Step(objective, theta);

        Assert.Equal(StopReason.NonFinite, result.Stop);
        Assert.True(before.eq(theta).all().item<bool>());
    }

    [Fact]
    public void Step_ObjectiveWithoutFactors_Throws()
    {
        using var quadratic = new ConvexQuadratic(5, 1, 10);
        using var theta = torch.zeros(5, ScalarType.Float64);
        using var kfac = new Kfac();
        Assert.Throws<ArgumentException>(() => kfac.Step(quadratic, theta));
    }
}

[Collection(nameof(TensorCountCollection))]
public class KfacLeakTests
{
    [Fact]
    public void Step_InsideDisposeScope_LiveTensorCountConstant()
    {
        using var objective = new KroneckerLeastSquares(3, 4, 5, 30, 20);
        using var theta = objective.Start.clone();
        using var kfac = new Kfac(new KfacOptions { Momentum = 0.5 });
        long after5 = 0;
        for (var i = 1; i <= 30; i++)
        {
            using (var scope = torch.NewDisposeScope())
            {
                theta.add_(torch.arange(theta.shape[0], dtype: ScalarType.Float64).mul_(i).sin_(), 0.05);   // keep it working
                kfac.Step(objective, theta);
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (i == 5) after5 = torch.Tensor.TotalCount;
        }
        Assert.Equal(after5, torch.Tensor.TotalCount);
    }
}
