using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class MuonTests
{
    [Theory]
    [InlineData(7, 4)]
    [InlineData(3, 8)]
    [InlineData(5, 5)]
    public void Orthogonalize_EqualsTheQuinticMapOnTheSingularValues(int rows, int columns)
    {
        // X₀ = G/‖G‖_F = U (Σ/‖G‖_F) Vᵀ and each iteration is an odd polynomial of X, so X₅ = U φ⁵(Σ/‖G‖_F) Vᵀ.
        using var scope = torch.NewDisposeScope();
        var g = GaussianTensors.Gaussian(new Random(rows * 10 + columns), rows, columns);
        var (u, s, vh) = torch.linalg.svd(g, fullMatrices: false);
        var x = s / (torch.linalg.norm(g) + 1e-7);
        for (var k = 0; k < 5; k++) x = 3.4445 * x - 4.7750 * x.pow(3) + 2.0315 * x.pow(5);
        var expected = u.mul(x).matmul(vh);

        var result = Muon.Orthogonalize(g);

        Assert.Equal(new long[] { rows, columns }, result.shape);
        Assert.True(OptimizerRun.MaxDistance(result, expected) < 1e-12);
    }

    [Fact]
    public void Orthogonalize_WellConditionedMatrix_SingularValuesNearOne()
    {
        using var scope = torch.NewDisposeScope();
        var g = GaussianTensors.Orthogonal(new Random(2), 6).narrow(1, 0, 4).mul(torch.tensor(new[] { 3.0, 2.0, 1.5, 1.0 }, ScalarType.Float64));

        var singular = torch.linalg.svdvals(Muon.Orthogonalize(g)).data<double>().ToArray();

        Assert.All(singular, s => Assert.InRange(s, 0.6, 1.25));
    }

    [Fact]
    public void Step_FirstStep_OrthogonalisesHiddenMatricesAndGivesTheRestAdam()
    {
        // Three matrices: only the middle one is hidden. Step 1: B = G, U = G + μB (Nesterov), W ← W − α s NS(U);
        // Adam's first step elsewhere is −α g/(|g|+ε).
        using var scope = torch.NewDisposeScope();
        var shapes = new[] { ParameterShape.Matrix(0, 2, 3), ParameterShape.Matrix(6, 4, 2), ParameterShape.Vector(14, 4), ParameterShape.Matrix(18, 1, 4) };
        var fit = new ShapedObjective(new ConvexQuadratic(22, 3, 20), shapes);
        var theta = torch.linspace(-1, 1, 22, dtype: ScalarType.Float64);
        var start = theta.clone();
        using var muon = new Muon(new MuonOptions { LearningRate = 0.1 });
        var g = fit.ValueAndGradient(theta).Gradient;
        var hidden = Muon.Orthogonalize(g.narrow(0, 6, 8).view(4, 2) * 1.95) * (0.2 * Math.Sqrt(4));
        var adam = g / (g.abs() + 1e-8);

        muon.Step(fit, theta);

        var step = start - theta;
        Assert.True(OptimizerRun.MaxDistance(step.narrow(0, 6, 8).view(4, 2), hidden * 0.1) < 1e-14);
        foreach (var (offset, length) in new[] { (0L, 6L), (14L, 4L), (18L, 4L) })
        {
            Assert.True(OptimizerRun.MaxDistance(step.narrow(0, offset, length), adam.narrow(0, offset, length) * 0.1) < 1e-15);
        }
    }

    [Theory]
    [InlineData(MuonScaling.MatchAdam, 8, 2, 0.565685424949238)]
    [InlineData(MuonScaling.MatchAdam, 3, 50, 1.4142135623730951)]
    [InlineData(MuonScaling.Shape, 8, 2, 2.0)]
    [InlineData(MuonScaling.Shape, 2, 8, 1.0)]
    public void Scale_FollowsTheCitedRule(MuonScaling scaling, long rows, long columns, double expected) =>
        Assert.Equal(expected, Muon.Scale(scaling, rows, columns), 15);
}
