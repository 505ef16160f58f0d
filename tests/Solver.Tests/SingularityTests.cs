using Pinn.Problems;
using Pinn.Solver.Networks;
using Pinn.Solver.Singularity;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

public class SingularityTests
{
    private static Mlp Net(int[] hidden, Activation activation, long seed, double lower = 0, double upper = 1) =>
        new(new MlpOptions(1, hidden, 1, activation, Initialization.GlorotNormal, seed), [lower], [upper]);

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sin)]
    public void NetworkJet_ThirdOrder_EqualsNestedAutograd(Activation activation)
    {
        using var scope = NewDisposeScope();
        using var net = Net([5, 4], activation, 3, -0.5, 1.5);
        var y = linspace(-1.3, 2.1, 9, dtype: ScalarType.Float64).requires_grad_(true);
        // Input t(y) = sin(y) + y²/3 with its jet, so the chain rule is exercised too.
        var input = new Jet(y.sin() + y.square() / 3, y.cos() + 2 * y / 3, -y.sin() + 2.0 / 3, -y.cos());
        var jet = NetworkJet.Run(net, net.Parameters, input);
        var value = net.Forward(net.Parameters, (y.sin() + y.square() / 3).unsqueeze(1)).squeeze(1);
        var d = value;
        for (int k = 0; k <= 3; k++)
        {
            Assert.True((jet[k] - d).abs().max().item<double>() < 1e-12 * (1 + d.abs().max().item<double>()), $"order {k}");
            if (k < 3) d = autograd.grad([d.sum()], [y], create_graph: true, retain_graph: true)[0];
        }
    }

    [Fact]
    public void ScaledResidual_OfExactProfile_VanishesToRoundOff()
    {
        using var scope = NewDisposeScope();
        var problem = new BurgersProfile(1);
        var ansatz = new ProfileAnsatz(2);
        var ys = Enumerable.Range(0, 41).Select(k => -20 + k).Select(v => v * 1.37).ToArray();
        var u = tensor(ys.Select(problem.Exact).ToArray(), dtype: ScalarType.Float64);
        var du = tensor(ys.Select(problem.ExactDerivative).ToArray(), dtype: ScalarType.Float64);
        var r = ProfileLinearization.ScaledResidual(ansatz, tensor(ys, dtype: ScalarType.Float64), tensor(problem.Lambda, dtype: ScalarType.Float64), new Jet(u, du));
        Assert.True(r[0].abs().max().item<double>() < 1e-14);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.3)]
    [InlineData(7.0)]
    public void Coordinate_InverseAndJet_AreConsistent(double length)
    {
        using var scope = NewDisposeScope();
        var ansatz = new ProfileAnsatz(2);
        double lambda = 0.27;
        var l = tensor(lambda, dtype: ScalarType.Float64);
        foreach (var t in new[] { 1e-4, 0.1, 0.5, 0.93, 0.999 })
        {
            var y = ansatz.FromCoordinate(t, lambda, length);
            Assert.Equal(ansatz.FromCoordinate(t, lambda) * length, y, 12);
            var jet = ansatz.Coordinate(tensor(new[] { y }, dtype: ScalarType.Float64), l, 3, length);
            Assert.Equal(t, jet[0].item<double>(), 12);
            for (int k = 1; k <= 2; k++)
            {
                double h = 1e-4 * (1 + y);
                var around = ansatz.Coordinate(tensor(new[] { y - h, y + h }, dtype: ScalarType.Float64), l, 3, length);
                double fd = (around[k - 1][1] - around[k - 1][0]).item<double>() / (2 * h);
                Assert.True(Math.Abs(fd - jet[k].item<double>()) <= 1e-6 * (1 + Math.Abs(jet[k].item<double>())), $"t = {t}, order {k}: {fd:E6} vs {jet[k].item<double>():E6}");
            }
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Jacobian_WithLambdaColumn_EqualsCentralDifferences(bool secondStage, bool chebyshev)
    {
        using var scope = NewDisposeScope();
        var ansatz = new ProfileAnsatz(1);
        using var first = Net([4, 3], Activation.Tanh, 1);
        using var second = Net([3], Activation.Sin, 2, 0.3, 0.7);
        using var third = Net([2], Activation.Sin, 4, 0.2, 0.8);
        var frozen = secondStage ? new List<ProfileStage> { new(first, 1) } : [];
        var trainable = !secondStage ? new ProfileStage(first, 1)
            : chebyshev ? new ProfileStage([new ProfileComponent(new ChebyshevFunction(7), 0.3), new ProfileComponent(new ChebyshevFunction(5), 2.0)], 1e-3)
            : new ProfileStage([new ProfileComponent(second, 0.3), new ProfileComponent(third, 2.0)], 1e-3);
        // A Chebyshev stage starts at zero; other coefficients exercise the quadratic term too.
        if (chebyshev) trainable.Load(linspace(-0.4, 0.7, trainable.ParameterCount, dtype: ScalarType.Float64).sin());
        var rows = new ProfileLinearization(ansatz, frozen, trainable, new ProfileWeights(0.3, 0.2, 1.5, 0.7));
        using var objective = new ProfileObjective(rows, trainable.ParameterCount, [0.05, 0.4, 1.1, 3.0, 17.0, 400.0], null);
        var theta = cat([trainable.Parameters(), tensor(new[] { 0.43 }, dtype: ScalarType.Float64)]);
        var (r, j) = objective.ResidualsAndJacobian(theta);
        Assert.Equal(new long[] { objective.ResidualCount, objective.ParameterCount }, j.shape);
        Assert.True((objective.Residuals(theta) - r).abs().max().item<double>() < 1e-14 * (1 + r.abs().max().item<double>()));
        double worst = 0;
        for (int p = 0; p < theta.shape[0]; p++)
        {
            double h = 1e-6;
            var plus = theta.clone(); plus[p] += h;
            var minus = theta.clone(); minus[p] -= h;
            var fd = (objective.Residuals(plus) - objective.Residuals(minus)) / (2 * h);
            var scale = 1 + j[.., p].abs().max().item<double>();
            worst = Math.Max(worst, (fd - j[.., p]).abs().max().item<double>() / scale);
        }
        Assert.True(worst < 1e-6, $"max relative column difference {worst:E3}");
    }

    [Fact]
    public void FixedLambda_DropsTheLambdaColumn()
    {
        using var scope = NewDisposeScope();
        using var net = Net([3], Activation.Tanh, 5);
        var rows = new ProfileLinearization(new ProfileAnsatz(1), [], new ProfileStage(net, 1), new ProfileWeights());
        using var objective = new ProfileObjective(rows, net.ParameterCount, [0.5, 2.0], 0.5);
        var (_, j) = objective.ResidualsAndJacobian(net.Parameters);
        Assert.Equal(net.ParameterCount, j.shape[1]);
        Assert.Equal(0.5, objective.Lambda(net.Parameters));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OriginCoefficient_IsTheLimitOfResidualOverYToTheThird(bool withCorrection)
    {
        using var scope = NewDisposeScope();
        var ansatz = new ProfileAnsatz(1);
        using var net = Net([4], Activation.Tanh, 7);
        using var near = Net([3], Activation.Sin, 8, 0.2, 0.9);
        var stage = new ProfileStage(net, 1);
        var correction = new ProfileStage([new ProfileComponent(near, 0.4)], 0.05);
        double lambda = 0.41;
        var rows = withCorrection
            ? new ProfileLinearization(ansatz, [stage], correction, new ProfileWeights())
            : new ProfileLinearization(ansatz, [], stage, new ProfileWeights());
        double c = rows.OriginCoefficient(tensor(new[] { lambda }, dtype: ScalarType.Float64), null, null).item<double>();
        var evaluator = new ProfileEvaluator(ansatz, withCorrection ? [stage, correction] : [stage]);
        double a = evaluator.Profile([1e-7], lambda)[0] / 1e-7;
        double y = 2e-3;
        double r = evaluator.Residual([y], lambda)[0];
        Assert.Equal(c, (r - a * (1 + a) * y) / (y * y * y), 3);
    }

    [Fact]
    public void LambdaSearch_SmoothRoot_ConvergesToRoundOff()
    {
        var (lambda, evaluations) = LambdaSearch.Find(l => (l - 0.3) * (1 + l * l) + 0.2 * (l - 0.3) * (l - 0.3), 0.2, 0.21, 30, 1e-15);
        Assert.Equal(0.3, lambda, 13);
        Assert.True(evaluations.Count < 15);
    }

    [Theory]
    [InlineData(ProfileLinearSolver.Svd)]
    [InlineData(ProfileLinearSolver.NormalEquations)]
    public void Solver_FewSteps_LowersResidualAndKeepsShapes(ProfileLinearSolver solverKind)
    {
        using var solver = new ProfileSolver(new SingularityOptions
        {
            Branch = 0, Stages = 2, Hidden = [6], CorrectionHidden = [4], Points = 12, CorrectionPoints = 16, AdaptivePoints = 3,
            ResampleEvery = 4, MaxSteps = 8, LinearSolver = solverKind, ChebyshevFrom = null,
        });
        var result = solver.Run();
        Assert.Equal(2, result.Stages.Count);
        Assert.Equal(new[] { 0.3, 1.0 }, result.Stages[1].Lengths);
        // Stage 2 is kept only if it lowered max|R̃| (with eight normal-equation steps it does not, and is dropped).
        if (result.Stages[1].Parameters is { } parameters) Assert.Equal(2 * (4 * 2 + 5), parameters.Length);
        else Assert.Contains("not kept", result.Stages[1].Stop);
        Assert.True(result.Stages[1].MaxResidual <= result.Stages[0].MaxResidual);
        Assert.True(result.Stages[0].MaxResidual < 0.2, $"stage 1: {result.Stages[0].MaxResidual:E3}");
        Assert.Equal(result.Zeta.Length, result.Residual.Length);
        Assert.True(result.Zeta.Length >= 10000);
        Assert.All(result.Stages, s => Assert.NotEmpty(s.History));
    }

    [Fact]
    public void Solver_EachStage_ReturnsItsBestCheckedIterate()
    {
        using var solver = new ProfileSolver(new SingularityOptions
        {
            Branch = 0, Stages = 2, Hidden = [6], CorrectionHidden = [4], Points = 12, CorrectionPoints = 16, AdaptivePoints = 0,
            ResampleEvery = 2, MaxSteps = 10,
        });
        var result = solver.Run();
        foreach (var stage in result.Stages)
        {
            double bestChecked = stage.History.Where(r => double.IsFinite(r.MaxResidual)).Min(r => r.MaxResidual);
            Assert.True(stage.MaxResidual <= bestChecked * (1 + 1e-9), $"stage {stage.Index}: {stage.MaxResidual:E6} > best checked {bestChecked:E6}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Solver_LaterStages_NeverRaiseTheResidual(int steps)
    {
        // With one or two steps a stage, a later stage's correction may be worse than none; such a stage is not kept.
        using var solver = new ProfileSolver(new SingularityOptions
        {
            Branch = 0, Stages = 3, Hidden = [6], CorrectionHidden = [4], Points = 12, CorrectionPoints = 16, AdaptivePoints = 0,
            ResampleEvery = 1, MaxSteps = steps,
        });
        var result = solver.Run();
        for (int s = 1; s < result.Stages.Count; s++)
        {
            var (before, stage) = (result.Stages[s - 1], result.Stages[s]);
            Assert.True(stage.MaxResidual <= before.MaxResidual, $"stage {stage.Index}: {stage.MaxResidual:E6} > {before.MaxResidual:E6}");
            if (stage.Parameters is null)
            {
                Assert.Contains("not kept", stage.Stop);
                Assert.Equal(before.Lambda, stage.Lambda);
                Assert.Equal(before.MaxResidual, stage.MaxResidual);
            }
        }
        Assert.Equal(result.Stages[^1].MaxResidual, result.MaxResidual);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Solver_StagesAfterLambdaStages_HoldLambdaBitForBit(int lambdaStages)
    {
        using var solver = new ProfileSolver(new SingularityOptions
        {
            Branch = 0, Stages = 3, Hidden = [6], CorrectionHidden = [4], Points = 12, CorrectionPoints = 16, AdaptivePoints = 0,
            ResampleEvery = 2, MaxSteps = 6, LambdaStages = lambdaStages,
        });
        var result = solver.Run();
        var first = result.Stages[lambdaStages - 1];
        foreach (var stage in result.Stages.Skip(lambdaStages))
        {
            Assert.Equal(first.Lambda, stage.Lambda);
            Assert.All(stage.History, row => Assert.Equal(first.Lambda, row.Lambda));
        }
        // Stage 1 always trains λ (from the 0.9 × 1/2 start).
        Assert.NotEqual(0.45, result.Stages[0].Lambda);
    }

    [Fact]
    public void Solver_StageSteps_LimitEachStage_AndLeaveTheEarlierStagesBitForBit()
    {
        static SingularityOptions Options(int[]? stageSteps) => new()
        {
            Branch = 0, Stages = 2, Hidden = [6], CorrectionHidden = [4], Points = 12, CorrectionPoints = 16, AdaptivePoints = 0,
            ResampleEvery = 2, MaxSteps = 4, StageSteps = stageSteps,
        };
        using var uniform = new ProfileSolver(Options(null));
        using var perStage = new ProfileSolver(Options([4, 9]));
        var (a, b) = (uniform.Run(), perStage.Run());
        Assert.Equal(4, a.Stages[0].Steps);
        Assert.Equal(4, a.Stages[1].Steps);
        Assert.Equal(9, b.Stages[1].Steps);
        Assert.Equal(a.Stages[0].Lambda, b.Stages[0].Lambda);
        Assert.Equal(a.Stages[0].MaxResidual, b.Stages[0].MaxResidual);
        Assert.Equal(a.Stages[0].Parameters, b.Stages[0].Parameters);
    }

    [Fact]
    public void Options_StageStepsBelowOne_AreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SingularityOptions { StageSteps = [10, 0] }.Validate());

    [Fact]
    public void Options_LambdaStagesBelowOne_AreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SingularityOptions { LambdaStages = 0 }.Validate());

    [Fact]
    public void ProfileStage_SplitAndLoad_RoundTripTheConcatenatedParameters()
    {
        using var scope = NewDisposeScope();
        using var a = new Mlp(new MlpOptions(1, [3], 1, Activation.Sin, Initialization.GlorotNormal, 1));
        using var b = new Mlp(new MlpOptions(1, [2, 2], 1, Activation.Sin, Initialization.GlorotNormal, 2));
        var stage = new ProfileStage([new ProfileComponent(a, 0.3), new ProfileComponent(b, 1)], 1e-6);
        Assert.Equal(a.ParameterCount + b.ParameterCount, stage.ParameterCount);
        var theta = arange(stage.ParameterCount, dtype: ScalarType.Float64);
        stage.Load(theta);
        Assert.Equal(0.0, a.Parameters[0].item<double>());
        Assert.Equal((double)a.ParameterCount, b.Parameters[0].item<double>());
        Assert.Equal(theta.data<double>().ToArray(), stage.Parameters().data<double>().ToArray());
        Assert.Throws<ArgumentException>(() => stage.Load(zeros(3, dtype: ScalarType.Float64)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProfileStage(a, 0));
    }
}
