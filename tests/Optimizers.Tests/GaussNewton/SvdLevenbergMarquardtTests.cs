using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class SvdLevenbergMarquardtTests
{
    /// <summary>r(θ) from a function; J by a second function (both float64, no autograd needed).</summary>
    private sealed class FunctionResiduals(long parameters, long rows, Func<Tensor, Tensor> r, Func<Tensor, Tensor> jacobian) : IResidualObjective
    {
        public long ParameterCount => parameters;
        public long ResidualCount => rows;
        public Tensor Residuals(Tensor theta) => r(theta);
        public (Tensor Residuals, Tensor Jacobian) ResidualsAndJacobian(Tensor theta) => (r(theta), jacobian(theta));
        public double Value(Tensor theta) => r(theta).square().sum().item<double>();
        public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta) => (Value(theta), 2 * jacobian(theta).t().mv(r(theta)));
    }

    /// <summary>A consistent linear system A θ = b with singular values 1 … 1e-10 (cond(AᵀA) = 1e20 &gt; 1/ε) and badly scaled columns.</summary>
    private static (Tensor A, Tensor B, Tensor Solution) IllConditioned()
    {
        var generator = new TorchSharp.torch.Generator(11);
        var (q1, _) = linalg.qr(randn(40, 12, dtype: ScalarType.Float64, generator: generator));
        var (q2, _) = linalg.qr(randn(12, 12, dtype: ScalarType.Float64, generator: generator));
        var sigma = logspace(0, -10, 12, dtype: ScalarType.Float64);
        var columns = logspace(-4, 4, 12, dtype: ScalarType.Float64);
        var a = (q1 * sigma).mm(q2.t()) * columns;
        var solution = randn(12, dtype: ScalarType.Float64, generator: generator) / columns;
        return (a, a.mv(solution), solution);
    }

    [Fact]
    public void IllConditionedLinearSystem_ResidualReachesRoundOff_NormalEquationsDoNot()
    {
        using var scope = NewDisposeScope();
        var (a, b, _) = IllConditioned();
        var objective = new FunctionResiduals(12, 40, theta => a.mv(theta) - b, _ => a);
        double start = b.square().sum().item<double>();

        var theta = zeros(12, dtype: ScalarType.Float64);
        using var svd = new SvdLevenbergMarquardt();
        for (int k = 0; k < 30; k++) svd.Step(objective, theta);
        double svdLoss = objective.Value(theta);
        Assert.True(svd.ConditionNumber > 1e9, $"cond {svd.ConditionNumber:E2}");

        var normalTheta = zeros(12, dtype: ScalarType.Float64);
        using var normal = new LevenbergMarquardt(new LevenbergMarquardtOptions { Scaling = LevenbergMarquardtScaling.Diagonal, GradientTolerance = 1e-300, StepTolerance = 1e-300 });
        for (int k = 0; k < 30; k++) normal.Step(objective, normalTheta);
        double normalLoss = objective.Value(normalTheta);

        Assert.True(svdLoss <= 1e-24 * start, $"SVD: loss {svdLoss:E3} of {start:E3}");
        Assert.True(normalLoss > 1e3 * svdLoss, $"normal equations {normalLoss:E3}, SVD {svdLoss:E3}");
    }

    [Fact]
    public void RosenbrockResiduals_ConvergeToTheMinimum()
    {
        using var scope = NewDisposeScope();
        var objective = new FunctionResiduals(2, 2,
            t => stack([10 * (t[1] - t[0].square()), 1 - t[0]]),
            t => stack([stack([-20 * t[0], full_like(t[0], 10.0)]), stack([full_like(t[0], -1.0), zeros_like(t[0])])]));
        var theta = tensor(new[] { -1.2, 1.0 }, dtype: ScalarType.Float64);
        using var lm = new SvdLevenbergMarquardt(initialDamping: 1e-3);
        StepResult last = new(double.NaN, 0);
        for (int k = 0; k < 200 && last.Stop == StopReason.None; k++) last = lm.Step(objective, theta);
        Assert.Equal(1.0, theta[0].item<double>(), 10);
        Assert.Equal(1.0, theta[1].item<double>(), 10);
    }

    [Fact]
    public void NonFiniteResiduals_StopAndLeaveThetaUnchanged()
    {
        using var scope = NewDisposeScope();
        var objective = new FunctionResiduals(2, 2, t => t * double.NaN, _ => eye(2, dtype: ScalarType.Float64));
        var theta = tensor(new[] { 0.5, -0.25 }, dtype: ScalarType.Float64);
        using var lm = new SvdLevenbergMarquardt();
        var result = lm.Step(objective, theta);
        Assert.Equal(StopReason.NonFinite, result.Stop);
        Assert.Equal(new[] { 0.5, -0.25 }, theta.data<double>().ToArray());
    }
}
