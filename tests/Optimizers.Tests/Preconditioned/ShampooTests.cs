using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class ShampooTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void InverseRoot_RaisedToTheRootTimesTheRidgedFactor_IsIdentity(int root)
    {
        using var scope = torch.NewDisposeScope();
        var eigenvalues = new[] { 1e-4, 0.3, 2.0, 9.0 };
        var factor = GaussianTensors.Symmetric(new Random(4), eigenvalues);
        const double epsilon = 1e-3;

        var inverse = Shampoo.InverseRoot(factor, root, epsilon);

        var power = inverse;
        for (var k = 1; k < root; k++) power = power.matmul(inverse);
        var ridged = factor + epsilon * 9.0 * torch.eye(4, dtype: ScalarType.Float64);
        Assert.True(OptimizerRun.MaxDistance(power.matmul(ridged), torch.eye(4, dtype: ScalarType.Float64)) < 1e-10);
        Assert.True(OptimizerRun.MaxDistance(inverse, inverse.t()) < 1e-14);
    }

    [Fact]
    public void Step_FirstStep_MatchesGraftedDenseReference()
    {
        // m = (1−β₁)G, L = (1−β)GGᵀ, R = (1−β)GᵀG, D = L^-¼ m R^-¼, A = m̂/(√v̂+ε); W ← W − α ‖A‖/‖D‖ D.
        using var scope = torch.NewDisposeScope();
        var fit = new ShapedObjective(new ConvexQuadratic(14, 6, 30), ParameterShape.Matrix(0, 3, 4), ParameterShape.Vector(12, 2));
        var theta = torch.linspace(-1, 1, 14, dtype: ScalarType.Float64);
        var options = new ShampooOptions { LearningRate = 0.1, ShampooBeta = 0.9, RootEpsilon = 1e-6 };
        using var shampoo = new Shampoo(options);
        var g = fit.ValueAndGradient(theta).Gradient;
        var gm = g[..12].view(3, 4);
        var m = gm.mul(0.1);
        var d = Shampoo.InverseRoot(gm.matmul(gm.t()).mul(0.1), 4, 1e-6).matmul(m).matmul(Shampoo.InverseRoot(gm.t().matmul(gm).mul(0.1), 4, 1e-6));
        var adam = g / (g.abs() + 1e-8);
        var expectedMatrix = theta[..12].view(3, 4) - 0.1 * torch.linalg.norm(adam[..12]) / torch.linalg.norm(d) * d;
        var expectedVector = theta[12..] - 0.1 * adam[12..];

        shampoo.Step(fit, theta);

        Assert.True(OptimizerRun.MaxDistance(theta[..12].view(3, 4), expectedMatrix) < 1e-12);
        Assert.True(OptimizerRun.MaxDistance(theta[12..], expectedVector) < 1e-14);
    }

    [Fact]
    public void Step_GraftedLayerStep_HasAdamsLength()
    {
        using var scope = torch.NewDisposeScope();
        using var fit = new MatrixRegression();
        var theta = fit.Start.clone();
        using var shampoo = new Shampoo(new ShampooOptions { LearningRate = 0.01 });
        using var adam = new Adam(new AdamOptions { LearningRate = 0.01 });
        var adamTheta = fit.Start.clone();

        shampoo.Step(fit, theta);
        adam.Step(fit, adamTheta);

        foreach (var shape in fit.ParameterShapes)
        {
            var shampooStep = torch.linalg.norm(theta.narrow(0, shape.Offset, shape.Length) - fit.Start.narrow(0, shape.Offset, shape.Length)).item<double>();
            var adamStep = torch.linalg.norm(adamTheta.narrow(0, shape.Offset, shape.Length) - fit.Start.narrow(0, shape.Offset, shape.Length)).item<double>();
            Assert.Equal(adamStep, shampooStep, 1e-12);
        }
    }
}
