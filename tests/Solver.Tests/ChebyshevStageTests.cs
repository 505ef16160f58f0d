using Pinn.Solver.Networks;
using Pinn.Solver.Singularity;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

public class ChebyshevStageTests
{
    [Fact]
    public void ChebyshevJet_ThirdOrder_EqualsNestedAutogradOfTheClosedForm()
    {
        using var scope = NewDisposeScope();
        using var series = new ChebyshevFunction(9);
        var theta = linspace(0.3, -1.1, 10, dtype: ScalarType.Float64).cos();
        var y = linspace(-1.3, 2.1, 11, dtype: ScalarType.Float64).requires_grad_(true);
        // t(y) = (1 + 0.8 sin y)/2 ∈ (0.1, 0.9), so s = 2t − 1 = 0.8 sin y stays inside (−1, 1) where arccos is smooth.
        var t = (1 + 0.8 * y.sin()) / 2;
        var input = new Jet(t, 0.4 * y.cos(), -0.4 * y.sin(), -0.4 * y.cos());
        var jet = series.Run(theta, input, null);
        // Tₖ(cos φ) = cos kφ: an evaluation independent of the recurrence.
        var phi = (2 * t - 1).arccos();
        var d = theta[9] + Enumerable.Range(1, 9).Select(k => theta[k - 1] * (k * phi).cos()).Aggregate((a, b) => a + b);
        for (int k = 0; k <= 3; k++)
        {
            var scale = 1 + d.abs().max().item<double>();
            Assert.True((jet[k] - d).abs().max().item<double>() < 1e-12 * scale, $"order {k}");
            if (k < 3) d = autograd.grad([d.sum()], [y], create_graph: true, retain_graph: true)[0];
        }
    }

    [Fact]
    public void ChebyshevSum_WithoutGradients_EqualsTheFeaturePass()
    {
        using var scope = NewDisposeScope();
        using var series = new ChebyshevFunction(60);
        var theta = linspace(1.0, -2.0, 61, dtype: ScalarType.Float64).sin();
        var y = linspace(-3, 3, 41, dtype: ScalarType.Float64);
        var t = (1 + 0.999 * y.tanh()) / 2;                      // reaches within 5e-4 of both ends, where the derivatives are largest
        var c = 1 - (0.999 * y.tanh()).square();
        var input = new Jet(t, 0.4995 * c, -0.999 * y.tanh() * c, -0.999 * c * (1 - 3 * y.tanh().square()));
        var taps = new List<Pinn.Solver.Engine.LayerTap>();
        var withFeatures = series.Run(theta, input, taps);        // the Jacobian pass' path
        Assert.Single(taps);
        using var _ = no_grad();
        var streamed = series.Run(theta, input, null);
        for (int k = 0; k <= 3; k++)
        {
            var scale = withFeatures[k].abs().max().item<double>();
            Assert.True((streamed[k] - withFeatures[k]).abs().max().item<double>() <= 1e-13 * scale, $"order {k}");
        }
    }

    [Fact]
    public void ChebyshevFunction_StartsAtZero_LoadsAndRejectsWrongShapes()
    {
        using var scope = NewDisposeScope();
        using var series = new ChebyshevFunction(4);
        Assert.Equal(5, series.ParameterCount);
        Assert.All(series.Parameters.data<double>().ToArray(), v => Assert.Equal(0.0, v));
        series.Load(arange(5, dtype: ScalarType.Float64));
        Assert.Equal(new[] { 0.0, 1, 2, 3, 4 }, series.Parameters.data<double>().ToArray());
        Assert.Throws<ArgumentException>(() => series.Load(zeros(4, dtype: ScalarType.Float64)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChebyshevFunction(0));
        Assert.Equal("chebyshev 4", series.Description);
    }

    [Fact]
    public void ChebyshevStage_TakesPointsAtEachComponentsOwnNodes()
    {
        var options = new SingularityOptions { CorrectionPoints = 16, CorrectionLengths = [0.3, 1] };
        var ansatz = new ProfileAnsatz(2);
        var trainer = new StageTrainer(ansatz, options, _ => { });
        var stage = new ProfileStage([new ProfileComponent(new ChebyshevFunction(3), 0.3), new ProfileComponent(new ChebyshevFunction(3), 1)], 1e-6);
        var points = trainer.BasePoints(false, stage, 0.2);
        var expected = trainer.ChebyshevPoints(16, 0.2, 0.3).Concat(trainer.ChebyshevPoints(16, 0.2, 1)).Order().ToArray();
        Assert.Equal(expected, points);
        Assert.Equal(32, points.Length);
        // Near the origin the length-0.3 nodes are ~0.3× the length-1 ones.
        Assert.Equal(0.3 * trainer.ChebyshevPoints(16, 0.2, 1)[^1], trainer.ChebyshevPoints(16, 0.2, 0.3)[^1], 12);
    }

    [Fact]
    public void ChebyshevStage_AfterASmallNetwork_LowersTheResidualByOrdersOfMagnitude()
    {
        // Branch 0 (λ = 1/2). Stage 1: a small network, λ trained; stage 2: Chebyshev series of degree 40, a nearly linear fit.
        using var solver = new ProfileSolver(new SingularityOptions
        {
            Branch = 0, Stages = 2, Hidden = [8], Points = 40, MaxSteps = 60, ResampleEvery = 20, AdaptivePoints = 0,
            CorrectionPoints = 60, ChebyshevFrom = 2, ChebyshevDegree = 40,
        });
        var result = solver.Run();
        var (first, second) = (result.Stages[0], result.Stages[1]);
        Assert.Equal("chebyshev 40", second.Basis);
        Assert.Empty(second.Hidden);
        Assert.NotNull(second.Parameters);
        Assert.Equal(2 * 41, second.Parameters!.Length);
        Assert.True(second.MaxResidual < 1e-4 * first.MaxResidual, $"stage 1 {first.MaxResidual:E3}, stage 2 {second.MaxResidual:E3}");
        Assert.True(Math.Abs(result.Lambda - 0.5) < 1e-3 * Math.Abs(first.Lambda - 0.5) + 1e-13,
            $"λ error {Math.Abs(result.Lambda - 0.5):E3} after stage 2, {Math.Abs(first.Lambda - 0.5):E3} after stage 1");
    }

    [Theory]
    [InlineData(1, 120)]
    [InlineData(2, 0)]
    [InlineData(2, 2001)]
    public void Options_BadChebyshevStages_AreRejected(int from, int degree) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SingularityOptions { ChebyshevFrom = from, ChebyshevDegree = degree }.Validate());
}
