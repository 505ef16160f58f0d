using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class SoapTests
{
    [Fact]
    public void Eigenbasis_DiagonalisesTheFactorWithEigenvaluesDescending()
    {
        using var scope = torch.NewDisposeScope();
        var eigenvalues = new[] { 0.5, 7.0, 2.0, 1e-3, 3.0 };
        var factor = GaussianTensors.Symmetric(new Random(3), eigenvalues);

        var q = Soap.Eigenbasis(factor);

        var rotated = q.t().matmul(factor).matmul(q);
        var expected = torch.diag(torch.tensor(eigenvalues.OrderDescending().ToArray(), ScalarType.Float64));
        Assert.True(OptimizerRun.MaxDistance(rotated, expected) < 1e-12);
        Assert.True(OptimizerRun.MaxDistance(q.t().matmul(q), torch.eye(5, dtype: ScalarType.Float64)) < 1e-13);
    }

    [Fact]
    public void RefreshEigenbasis_RepeatedFromAPerturbedBasis_ConvergesToTheEigenvectorsInOrder()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(8);
        var eigenvalues = new[] { 1.0, 4.0, 16.0, 64.0 };
        var factor = GaussianTensors.Symmetric(random, eigenvalues);
        var (basis, _) = torch.linalg.qr(Soap.Eigenbasis(factor).add(GaussianTensors.Gaussian(random, 4, 4).mul(0.2)));

        for (var i = 0; i < 60; i++)
        {
            var (next, order) = Soap.RefreshEigenbasis(factor, basis);
            Assert.Equal(4, order.shape[0]);
            basis = next;
        }

        var rotated = basis.t().matmul(factor).matmul(basis);
        var expected = torch.diag(torch.tensor(new[] { 64.0, 16.0, 4.0, 1.0 }, ScalarType.Float64));
        Assert.True(OptimizerRun.MaxDistance(rotated, expected) < 1e-9, $"off by {OptimizerRun.MaxDistance(rotated, expected):G3}");
        Assert.True(OptimizerRun.MaxDistance(basis.t().matmul(basis), torch.eye(4, dtype: ScalarType.Float64)) < 1e-13);
    }

    [Fact]
    public void RefreshEigenbasis_SortsColumnsByEstimatedEigenvalue()
    {
        using var scope = torch.NewDisposeScope();
        var factor = torch.diag(torch.tensor(new[] { 1.0, 3.0, 2.0 }, ScalarType.Float64));

        var (basis, order) = Soap.RefreshEigenbasis(factor, torch.eye(3, dtype: ScalarType.Float64));

        Assert.Equal(new long[] { 1, 2, 0 }, order.data<long>().ToArray());
        Assert.True(OptimizerRun.MaxDistance(basis.abs(), torch.eye(3, dtype: ScalarType.Float64).index_select(1, order)) < 1e-15);
    }

    [Fact]
    public void Step_FirstTwoSteps_MatchDenseReference()
    {
        // Step 1 builds L = (1−β)G₀G₀ᵀ, R = (1−β)G₀ᵀG₀ and their eigenbases and leaves θ alone; step 2 is
        // Adam's first step in the rotated space: θ ← θ − α √(1−β₂)/(1−β₁) · Q_L (m / (√v + ε)) Q_Rᵀ.
        using var scope = torch.NewDisposeScope();
        // A square block keeps both factors of full rank (a zero eigenvalue would make m/(√v+ε) hinge on round-off).
        var fit = new ShapedObjective(new ConvexQuadratic(12, 9, 30), ParameterShape.Matrix(0, 3, 3), ParameterShape.Vector(9, 3));
        var theta = torch.linspace(-1, 1, 12, dtype: ScalarType.Float64);
        var options = new SoapOptions { LearningRate = 0.1, Beta1 = 0.9, Beta2 = 0.99 };
        using var soap = new Soap(options);
        var g0 = fit.ValueAndGradient(theta).Gradient[..9].view(3, 3);
        var left = Soap.Eigenbasis(g0.matmul(g0.t()).mul(0.01));
        var right = Soap.Eigenbasis(g0.t().matmul(g0).mul(0.01));

        var start = theta.clone();
        soap.Step(fit, theta);
        Assert.Equal(start.data<double>().ToArray(), theta.data<double>().ToArray());

        // θ has not moved, so the same objective would give G₁ = G₀, diagonal in its own singular bases (its
        // off-diagonal round-off would then decide m/(√v+ε)); take the second gradient from another objective.
        var other = new ShapedObjective(new ConvexQuadratic(12, 10, 30), ParameterShape.Matrix(0, 3, 3), ParameterShape.Vector(9, 3));
        var g1 = other.ValueAndGradient(theta).Gradient[..9].view(3, 3);
        var rotated = left.t().matmul(g1).matmul(right);
        var m = rotated.mul(0.1);
        var v = rotated.square().mul(0.01);
        var expected = theta[..9].view(3, 3) - 0.1 * Math.Sqrt(0.01) / 0.1 * left.matmul(m / (v.sqrt() + 1e-8)).matmul(right.t());
        soap.Step(other, theta);

        Assert.True(OptimizerRun.MaxDistance(theta[..9].view(3, 3), expected) < 1e-12, $"off by {OptimizerRun.MaxDistance(theta[..9].view(3, 3), expected):G3}");
        Assert.Equal(2, soap.StepCount);
    }

    [Fact]
    public void Step_Unshaped_IsAdamWithTheReferenceEpsilonAndADelayedStart()
    {
        // Without shapes SOAP is Adam on θ, one step late (the first gradient only builds the preconditioner).
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(5, 2, 10);
        var theta = torch.ones(5, ScalarType.Float64);
        using var soap = new Soap(new SoapOptions { LearningRate = 0.1 });

        soap.Step(quadratic, theta);
        var g = quadratic.Gradient(theta);
        var expected = theta - 0.1 * Math.Sqrt(1 - 0.95) / (1 - 0.95) * (0.05 * g) / ((0.05 * g.square()).sqrt() + 1e-8);
        soap.Step(quadratic, theta);

        Assert.True(OptimizerRun.MaxDistance(theta, expected) < 1e-14);
    }

    [Fact]
    public void Step_MatrixRegression_BeatsAdamAtEqualStepsAndRate()
    {
        using var fit = new MatrixRegression();
        using var soapTheta = fit.Start.clone();
        using var adamTheta = fit.Start.clone();
        using var soap = new Soap(SoapOptions.Pinn with { LearningRate = 0.01 });
        using var adam = new Adam(new AdamOptions { LearningRate = 0.01, Beta1 = 0.99, Beta2 = 0.999 });

        OptimizerRun.Run(soap, fit, soapTheta, 300);
        OptimizerRun.Run(adam, fit, adamTheta, 300);

        Assert.True(fit.Value(soapTheta) < fit.Value(adamTheta), $"soap {fit.Value(soapTheta):G3}, adam {fit.Value(adamTheta):G3}");
    }
}
