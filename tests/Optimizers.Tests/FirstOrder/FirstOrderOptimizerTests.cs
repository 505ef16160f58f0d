using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

/// <summary>What every <see cref="FirstOrderOptimizer"/> must do: descend, refuse non-finite values, resume bit for bit.</summary>
public class FirstOrderOptimizerTests
{
    private static readonly string[] AllSpecs =
    [
        "adam:lr=0.01",
        "sgd:lr=1e-3:nesterov=true",
        "soap:lr=0.01:frequency=3",
        "soap:lr=0.01:beta1=0.95:beta2=0.95:shampoo-beta=0.95:frequency=10:max-dim=4",
        "shampoo:lr=0.01:frequency=3",
        "shampoo:lr=0.01:sum=true:frequency=1",
        "muon:lr=0.01:hidden-only=false",
        "muon:lr=0.01:scaling=shape:nesterov=false",
    ];

    public static TheoryData<string> Specs => Data(AllSpecs);

    /// <summary>The optimizers with a matrix path (Adam and SGD have their own descent tests).</summary>
    public static TheoryData<string> MatrixSpecs => Data(AllSpecs.Where(s => !s.StartsWith("adam", StringComparison.Ordinal) && !s.StartsWith("sgd", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Specs))]
    public void SaveLoad_TwoKStepsEqualKStepsSaveLoadKSteps_Bitwise(string spec)
    {
        const int k = 7;
        using var fit = new MatrixRegression();
        using var straight = fit.Start.clone();
        using var resumed = fit.Start.clone();
        using (var first = Create(spec))
        {
            OptimizerRun.Run(first, fit, straight, 2 * k);
        }

        OptimizerState saved;
        using (var before = Create(spec))
        {
            OptimizerRun.Run(before, fit, resumed, k);
            saved = before.SaveState();
        }
        using var after = Create(spec);
        ((ICheckpointable)after).LoadState(saved);
        Assert.Equal(k, after.StepCount);
        OptimizerRun.Run(after, fit, resumed, k);

        Assert.Equal(straight.data<double>().ToArray(), resumed.data<double>().ToArray());
        Assert.Equal(2 * k, after.StepCount);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void LoadState_SavedBeforeTheFirstStep_StartsFresh(string spec)
    {
        using var fit = new MatrixRegression();
        using var a = fit.Start.clone();
        using var b = fit.Start.clone();
        using var fresh = Create(spec);
        using var loaded = Create(spec);
        loaded.LoadState(Create(spec).SaveState());

        OptimizerRun.Run(fresh, fit, a, 3);
        OptimizerRun.Run(loaded, fit, b, 3);

        Assert.Equal(a.data<double>().ToArray(), b.data<double>().ToArray());
    }

    [Fact]
    public void AdamAndSgd_OnTheSharedSkeleton_TakeTheStepsOfTheirPreviousStandaloneCodeBitwise()
    {
        // The operation sequences of Adam.cs and Sgd.cs before they moved onto FirstOrderOptimizer.
        using var scope = torch.NewDisposeScope();
        using var fit = new MatrixRegression();
        var (adamTheta, sgdTheta, adamOld, sgdOld) = (fit.Start.clone(), fit.Start.clone(), fit.Start.clone(), fit.Start.clone());
        using var adam = new Adam(new AdamOptions { LearningRate = 0.01 });
        using var sgd = new Sgd(new SgdOptions { LearningRate = 1e-4, Nesterov = true });
        var (m, v, b) = (torch.zeros_like(adamOld), torch.zeros_like(adamOld), torch.zeros_like(sgdOld));
        for (var t = 1; t <= 20; t++)
        {
            adam.Step(fit, adamTheta);
            sgd.Step(fit, sgdTheta);
            var g = fit.ValueAndGradient(adamOld).Gradient;
            m.mul_(0.9).add_(g, 1 - 0.9);
            v.mul_(0.999).addcmul_(g, g, 1 - 0.999);
            var denominator = v.sqrt().div_(Math.Sqrt(1 - Math.Pow(0.999, t))).add_(1e-8);
            adamOld.addcdiv_(m, denominator, -0.01 / (1 - Math.Pow(0.9, t)));
            var h = fit.ValueAndGradient(sgdOld).Gradient;
            b.mul_(0.9).add_(h);
            sgdOld.add_(h.add(b, 0.9), -1e-4);
        }

        Assert.Equal(adamOld.data<double>().ToArray(), adamTheta.data<double>().ToArray());
        Assert.Equal(sgdOld.data<double>().ToArray(), sgdTheta.data<double>().ToArray());
    }

    [Fact]
    public void LoadState_OfAnotherOptimizer_ThrowsInvalidData()
    {
        using var adam = new Adam();
        using var soap = new Soap();
        Assert.Throws<InvalidDataException>(() => soap.LoadState(adam.SaveState()));
    }

    [Theory]
    [MemberData(nameof(MatrixSpecs))]
    public void Step_MatrixRegression_LossFallsHundredfold(string spec)
    {
        using var fit = new MatrixRegression();
        using var theta = fit.Start.clone();
        using var optimizer = Create(spec);
        var initial = fit.Value(theta);

        var results = OptimizerRun.Run(optimizer, fit, theta, 400);

        Assert.All(results, r => Assert.True(double.IsFinite(r.Loss) && r.Stop == StopReason.None));
        Assert.True(fit.Value(theta) < 1e-2 * initial, $"{spec}: {initial:G3} → {fit.Value(theta):G3}");
    }

    [Theory]
    [MemberData(nameof(MatrixSpecs))]
    public void Step_ShapedRosenbrock_LossFallsTenfold(string spec)
    {
        var rosenbrock = ShapedObjective.Rosenbrock();
        using var theta = RosenbrockObjective.Start(8);
        using var optimizer = Create(spec);
        var initial = rosenbrock.Value(theta);

        var results = OptimizerRun.Run(optimizer, rosenbrock, theta, 600);

        Assert.All(results, r => Assert.True(double.IsFinite(r.Loss)));
        Assert.True(rosenbrock.Value(theta) < 0.1 * initial, $"{spec}: {initial:G3} → {rosenbrock.Value(theta):G3}");
    }

    [Theory]
    [MemberData(nameof(MatrixSpecs))]
    public void Step_UnshapedQuadratic_GapShrinks(string spec)
    {
        using var quadratic = new ConvexQuadratic(10, 5, 100);
        using var theta = torch.zeros(10, ScalarType.Float64);
        using var optimizer = Create(spec.Replace("lr=0.01", "lr=0.05", StringComparison.Ordinal)); // the Adam path, at AdamTests' rate
        var optimum = quadratic.Value(quadratic.Solution);
        var initialGap = quadratic.Value(theta) - optimum;

        OptimizerRun.Run(optimizer, quadratic, theta, 400);

        Assert.True(quadratic.Value(theta) - optimum < 1e-2 * initialGap, $"{spec}: gap {initialGap:G3} → {quadratic.Value(theta) - optimum:G3}");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Step_NonFiniteLossOrGradient_LeavesThetaAndStateUnchanged(string spec)
    {
        using var scope = torch.NewDisposeScope();
        using var fit = new MatrixRegression();
        var theta = fit.Start.clone();
        using var optimizer = Create(spec);
        OptimizerRun.Run(optimizer, fit, theta, 2);
        var before = theta.data<double>().ToArray();
        var state = optimizer.SaveState();
        var nanLoss = new ShapedObjective(new FunctionObjective(fit.ParameterCount, _ => double.NaN, t => torch.ones_like(t)), [.. fit.ParameterShapes]);
        var infGradient = new ShapedObjective(new FunctionObjective(fit.ParameterCount, _ => 1.0, t => torch.full_like(t, double.PositiveInfinity)), [.. fit.ParameterShapes]);

        Assert.Equal(StopReason.NonFinite, optimizer.Step(nanLoss, theta).Stop);
        Assert.Equal(StopReason.NonFinite, optimizer.Step(infGradient, theta).Stop);

        Assert.Equal(before, theta.data<double>().ToArray());
        Assert.Equal(2, optimizer.StepCount);
        var after = optimizer.SaveState();
        Assert.All(state.Entries, e => Assert.Equal(e.Value.Values, after.Entries[e.Key].Values));
    }

    [Theory]
    [InlineData("soap")]
    [InlineData("shampoo")]
    [InlineData("muon")]
    public void Step_ShapesThatDoNotTileTheta_ThrowArgumentException(string spec)
    {
        using var scope = torch.NewDisposeScope();
        using var quadratic = new ConvexQuadratic(6, 1, 10);
        using var optimizer = Create(spec);
        var gap = new ShapedObjective(quadratic, ParameterShape.Matrix(0, 2, 2), ParameterShape.Vector(5, 1));
        var short_ = new ShapedObjective(quadratic, ParameterShape.Matrix(0, 2, 2));

        Assert.Throws<ArgumentException>(() => optimizer.Step(gap, torch.zeros(6, ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => optimizer.Step(short_, torch.zeros(6, ScalarType.Float64)));
    }

    private static TheoryData<string> Data(IEnumerable<string> specs)
    {
        var data = new TheoryData<string>();
        foreach (var spec in specs) data.Add(spec);
        return data;
    }

    private static FirstOrderOptimizer Create(string spec) =>
        (FirstOrderOptimizer)OptimizerCatalog.Default.Create(Assert.Single(OptimizerSpec.Parse(spec)));
}
