using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

/// <summary>The adapter from a plain TorchSharp module to the optimizers: its θ, gradient, Hessian products and Jacobian
/// against independent computations, and every catalogue optimizer whose needs it meets fitting a small regression.</summary>
public sealed class ModuleObjectiveTests
{
    /// <summary>A 1-8-1 tanh network on 40 points of y = sin 2x; residuals (f − y)/√N so that ‖r‖² is the MSE.</summary>
    private sealed class Regression : IDisposable
    {
        public Regression()
        {
            manual_seed(3);
            X = linspace(-1, 1, 40, dtype: float64).unsqueeze(1);
            Y = (2 * X).sin();
            Model = nn.Sequential(("l1", nn.Linear(1, 8)), ("t", nn.Tanh()), ("l2", nn.Linear(8, 1)));
            Model.to(float64);
            Fit = new ModuleLeastSquares(Model, () => (Model.call(X) - Y).flatten() / Math.Sqrt(40));
        }

        public Tensor X { get; }
        public Tensor Y { get; }
        public nn.Module<Tensor, Tensor> Model { get; }
        public ModuleLeastSquares Fit { get; }

        /// <summary>The MSE at θ written with θ's pieces directly (no module), differentiable in θ.</summary>
        public Tensor LossOf(Tensor theta)
        {
            var w1 = theta.narrow(0, 0, 8).view(8, 1);
            var b1 = theta.narrow(0, 8, 8);
            var w2 = theta.narrow(0, 16, 8).view(1, 8);
            var b2 = theta.narrow(0, 24, 1);
            var f = X.matmul(w1.t()).add(b1).tanh().matmul(w2.t()).add(b2);
            return (f - Y).square().mean();
        }

        public void Dispose()
        {
            Model.Dispose();
            X.Dispose();
            Y.Dispose();
        }
    }

    [Fact]
    public void ThetaShapesAndLoad_FollowTheModuleParameters()
    {
        using var r = new Regression();
        Assert.Equal(25, r.Fit.ParameterCount);
        Assert.Equal([ParameterShape.Matrix(0, 8, 1), ParameterShape.Vector(8, 8), ParameterShape.Matrix(16, 1, 8), ParameterShape.Vector(24, 1)], r.Fit.ParameterShapes);
        using var theta = r.Fit.Theta();
        using var moved = theta + 0.5;
        r.Fit.Load(moved);
        using var back = r.Fit.Theta();
        Assert.Equal(moved.data<double>().ToArray(), back.data<double>().ToArray());
    }

    [Fact]
    public void ValueGradientHessianAndJacobian_MatchTheFlatFunction()
    {
        using var r = new Regression();
        using var theta = r.Fit.Theta();
        using var flat = SecondOrderExpansion.Autograd(theta, r.LossOf);
        var (loss, gradient) = r.Fit.ValueAndGradient(theta);
        using (gradient)
        {
            Assert.Equal(flat.Loss, loss, 1e-14);
            Assert.Equal(flat.Loss, r.Fit.Value(theta), 1e-14);
            Assert.True(OptimizerRun.MaxDistance(flat.Gradient, gradient) < 1e-14);
        }
        using var expansion = r.Fit.Expand(theta);
        using var dense = flat.Hessian.ToDense();
        using var moduleDense = expansion.Hessian.ToDense();
        Assert.True(OptimizerRun.MaxDistance(dense, moduleDense) < 1e-12);

        var (residuals, jacobian) = r.Fit.ResidualsAndJacobian(theta);
        using (residuals)
        using (jacobian)
        {
            Assert.Equal([40L, 25L], jacobian.shape);
            Assert.Equal(loss, residuals.square().sum().item<double>(), 1e-14);
            using var twoJtr = jacobian.t().mv(residuals).mul(2);
            Assert.True(OptimizerRun.MaxDistance(twoJtr, flat.Gradient) < 1e-14);   // ∇‖r‖² = 2Jᵀr
        }
    }

    /// <summary>Every catalogue optimizer that the adapter serves (all but K-FAC, which needs per-layer Kronecker factors).</summary>
    public static TheoryData<string> ModuleOptimizers() =>
        [.. OptimizerCatalog.Default.Descriptors.Where(d => d.Needs != ObjectiveNeeds.KroneckerFactors).Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(ModuleOptimizers))]
    public void CatalogueOptimizer_FitsAPlainModule(string name)
    {
        using var r = new Regression();
        using var start = r.Fit.Theta();
        double before = r.Fit.Value(start);
        using var optimizer = OptimizerCatalog.Default.Create(OptimizerSpec.Parse(name).Single());
        var results = r.Fit.Train(optimizer, 200);
        using var end = r.Fit.Theta();
        double after = r.Fit.Value(end);
        Assert.All(results, s => Assert.False(double.IsNaN(s.Loss)));
        Assert.True(after < 0.5 * before, $"{name}: loss {before:E3} -> {after:E3} after {results.Count} steps");
    }
}
