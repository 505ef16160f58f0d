using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class OptimizerCatalogTests
{
    [Fact]
    public void Default_OptimizersKeepTheirOptionKeys()
    {
        var catalog = OptimizerCatalog.Default;

        Assert.Equal(new[] { "lr", "beta1", "beta2", "eps" }, catalog.Get("adam").Options.Select(o => o.Key));
        Assert.Equal(new[] { "lr", "momentum", "nesterov" }, catalog.Get("sgd").Options.Select(o => o.Key));
        Assert.Equal(new[] { "history", "gtol", "ftol", "max-evals", "keep" }, catalog.Get("lbfgs").Options.Select(o => o.Key));
        foreach (var dense in new[] { "bfgs", "ssbfgs", "ssbroyden" })
            Assert.Equal(new[] { "gtol", "ftol", "max-evals", "initial-scale", "keep", "max-params" }, catalog.Get(dense).Options.Select(o => o.Key));
        Assert.Equal(new[] { "damping", "grid", "ema", "blocks" }, catalog.Get("engd").Options.Select(o => o.Key));
        Assert.Equal(new[] { "damping", "grid" }, catalog.Get("engd-woodbury").Options.Select(o => o.Key));
        Assert.Equal(new[] { "damping", "grid", "rank", "refresh", "cg-tol", "cg-iters" }, catalog.Get("engd-nystrom").Options.Select(o => o.Key));
        Assert.Equal(new[] { "damping", "grid" }, catalog.Get("gauss-newton").Options.Select(o => o.Key));
        Assert.Equal(new[] { "lr", "beta1", "beta2", "shampoo-beta", "eps", "frequency", "max-dim", "weight-decay" }, catalog.Get("soap").Options.Select(o => o.Key));
        Assert.Equal(new[] { "lr", "beta1", "beta2", "eps", "shampoo-beta", "sum", "root-eps", "frequency", "max-dim" }, catalog.Get("shampoo").Options.Select(o => o.Key));
        Assert.Equal(new[] { "lr", "momentum", "nesterov", "ns-steps", "scaling", "hidden-only", "beta1", "beta2", "eps" }, catalog.Get("muon").Options.Select(o => o.Key));
        Assert.Equal(new[] { "mu", "scaling", "gtol", "geodesic" }, catalog.Get("lm").Options.Select(o => o.Key));
        Assert.Equal(new[] { "damping", "ema", "momentum", "identity", "auto", "grid" }, catalog.Get("kfac").Options.Select(o => o.Key));
    }

    [Fact]
    public void Default_OptionDefaultsMatchTheOptionsRecords()
    {
        var catalog = OptimizerCatalog.Default;
        using var adam = (Adam)catalog.Create(new OptimizerPhase("adam", 1, new Dictionary<string, string>()));
        using var sgd = (Sgd)catalog.Create(new OptimizerPhase("sgd", 1, new Dictionary<string, string>()));
        using var lbfgs = (Lbfgs)catalog.Create(new OptimizerPhase("lbfgs", 1, new Dictionary<string, string>()));

        Assert.Equal(new AdamOptions(), adam.Options);
        Assert.Equal(new SgdOptions(), sgd.Options);
        Assert.Equal(new LbfgsOptions(), lbfgs.Options);
        foreach (var update in Enum.GetValues<DenseQuasiNewtonUpdate>())
        {
            using var dense = (DenseQuasiNewton)catalog.Create(new OptimizerPhase(DenseQuasiNewton.NameOf(update), 1, new Dictionary<string, string>()));
            Assert.Equal(new DenseQuasiNewtonOptions { Update = update }, dense.Options);
            Assert.Equal(DenseQuasiNewton.NameOf(update), dense.Name);
        }
        using var engd = (Engd)catalog.Create(new OptimizerPhase("engd", 1, new Dictionary<string, string>()));
        using var woodbury = (EngdWoodbury)catalog.Create(new OptimizerPhase("engd-woodbury", 1, new Dictionary<string, string>()));
        using var gaussNewton = (Engd)catalog.Create(new OptimizerPhase("gauss-newton", 1, new Dictionary<string, string>()));
        using var lm = (LevenbergMarquardt)catalog.Create(new OptimizerPhase("lm", 1, new Dictionary<string, string>()));
        Assert.Equal(new GramianOptions(), engd.Options);
        Assert.Equal(new GramianOptions(), woodbury.Options);
        Assert.Equal(GramianOptions.GaussNewtonDefaults, gaussNewton.Options);
        Assert.Equal("gauss-newton", gaussNewton.Name);
        Assert.Equal(new LevenbergMarquardtOptions(), lm.Options);
    }

    [Fact]
    public void Create_LeastSquaresPhasesWithOptions_AppliesEveryOption()
    {
        var phases = OptimizerCatalog.Default.Parse(
            "engd:10:damping=1e-8:ema=0.3:grid=20,engd-woodbury:5:damping=0:grid=10,gauss-newton:3:damping=1e-12:grid=5,lm:7:mu=1e-6:scaling=Diagonal:gtol=1e-12:geodesic=true");

        using var engd = Assert.IsType<Engd>(OptimizerCatalog.Default.Create(phases[0]));
        using var woodbury = Assert.IsType<EngdWoodbury>(OptimizerCatalog.Default.Create(phases[1]));
        using var gaussNewton = Assert.IsType<Engd>(OptimizerCatalog.Default.Create(phases[2]));
        using var lm = Assert.IsType<LevenbergMarquardt>(OptimizerCatalog.Default.Create(phases[3]));

        Assert.Equal(new GramianOptions { Damping = 1e-8, MovingAverage = 0.3, GridExponents = 20 }, engd.Options);
        Assert.Equal(new GramianOptions { Damping = 0, GridExponents = 10 }, woodbury.Options);
        Assert.Equal(new GramianOptions { Damping = 1e-12, GridExponents = 5 }, gaussNewton.Options);
        Assert.Equal(new LevenbergMarquardtOptions
        {
            InitialDampingFactor = 1e-6, Scaling = LevenbergMarquardtScaling.Diagonal, GradientTolerance = 1e-12, GeodesicAcceleration = true,
        }, lm.Options);
        Assert.Equal(new[] { "engd", "engd-woodbury", "gauss-newton", "lm" }, new IOptimizer[] { engd, woodbury, gaussNewton, lm }.Select(o => o.Name));
    }

    [Theory]
    [InlineData("lm:scaling=none", "one of identity, diagonal")]
    [InlineData("engd:damping=-1", "a number ≥ 0")]
    [InlineData("engd-woodbury:ema=0.3", "unknown option")]
    [InlineData("gauss-newton:ema=0.3", "unknown option")]
    public void Parse_InvalidLeastSquaresOption_ThrowsFormatExceptionSayingWhatIsValid(string spec, string expected)
    {
        var error = Assert.Throws<FormatException>(() => OptimizerCatalog.Default.Parse(spec));

        Assert.Contains(expected, error.Message);
    }

    public static TheoryData<string> LeastSquaresNames() =>
        [.. OptimizerCatalog.Default.Descriptors.Where(d => d.Needs == ObjectiveNeeds.Residuals).Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(LeastSquaresNames))]
    public void Create_LeastSquaresOptimizerOnPlainObjective_ThrowsOneLineArgumentException(string name)
    {
        using var quadratic = new ConvexQuadratic(4, 1, 10);
        using var theta = torch.zeros(4, ScalarType.Float64);
        using var optimizer = OptimizerCatalog.Default.Create(new OptimizerPhase(name, 1, new Dictionary<string, string>()));

        var error = Assert.Throws<ArgumentException>(() => optimizer.Step(quadratic, theta));

        Assert.StartsWith($"{name} needs a least-squares residual objective;", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Create_PhaseWithOptions_AppliesEveryOption()
    {
        var phases = OptimizerCatalog.Default.Parse(
            "adam:10:lr=0.01:beta1=0.8:beta2=0.99:eps=1e-12,sgd:5:lr=0.2:momentum=0:nesterov=true,lbfgs:3:history=7:gtol=1e-9:ftol=1e-14:max-evals=11");

        using var adam = Assert.IsType<Adam>(OptimizerCatalog.Default.Create(phases[0]));
        using var sgd = Assert.IsType<Sgd>(OptimizerCatalog.Default.Create(phases[1]));
        using var lbfgs = Assert.IsType<Lbfgs>(OptimizerCatalog.Default.Create(phases[2]));

        Assert.Equal(new AdamOptions { LearningRate = 0.01, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-12 }, adam.Options);
        Assert.Equal(new SgdOptions { LearningRate = 0.2, Momentum = 0, Nesterov = true }, sgd.Options);
        Assert.Equal(new LbfgsOptions { History = 7, GradientTolerance = 1e-9, FunctionTolerance = 1e-14, MaxEvaluationsPerStep = 11 }, lbfgs.Options);
        Assert.Equal("lbfgs", lbfgs.Name);
    }

    [Fact]
    public void Create_HandMadeInvalidPhase_ThrowsFormatException()
    {
        var catalog = OptimizerCatalog.Default;

        Assert.Throws<FormatException>(() => catalog.Create(new OptimizerPhase("adamw", 1, new Dictionary<string, string>())));
        Assert.Throws<FormatException>(() => catalog.Create(new OptimizerPhase("adam", 0, new Dictionary<string, string>())));
        Assert.Throws<FormatException>(() => catalog.Create(new OptimizerPhase("adam", 1, new Dictionary<string, string> { ["lr"] = "x" })));
        Assert.Throws<FormatException>(() => catalog.Create(new OptimizerPhase("adam", 1, new Dictionary<string, string> { ["momentum"] = "0.5" })));
    }

    [Fact]
    public void With_NewDescriptor_RegistersItInOneLine()
    {
        var catalog = OptimizerCatalog.Default.With(new OptimizerDescriptor("plain", "plain gradient descent",
            [OptimizerOption.Number("lr", OptimizerOptionKind.PositiveNumber, 0.1, "step size")],
            s => new Sgd(new SgdOptions { LearningRate = s.Number("lr"), Momentum = 0 }), DefaultSteps: 50));

        var phase = Assert.Single(catalog.Parse("plain:lr=0.5"));
        using var optimizer = Assert.IsType<Sgd>(catalog.Create(phase));

        Assert.Equal(50, phase.Steps);
        Assert.Equal(0.5, optimizer.Options.LearningRate);
        Assert.Null(OptimizerCatalog.Default.Find("plain"));
    }

    [Fact]
    public void Constructor_DuplicateNameOrInvalidDefault_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new OptimizerCatalog(OptimizerDescriptors.Adam, OptimizerDescriptors.Adam));
        Assert.Throws<ArgumentException>(() => new OptimizerCatalog(new OptimizerDescriptor("bad", "x",
            [new OptimizerOption("lr", OptimizerOptionKind.PositiveNumber, "-1", "step")], _ => new Adam())));
        Assert.Throws<ArgumentException>(() => new OptimizerCatalog(new OptimizerDescriptor("Bad Name", "x", [], _ => new Adam())));
    }

    [Fact]
    public void Describe_ListsEveryOptimizerAndKeyWithItsDefault()
    {
        var help = OptimizerCatalog.Default.Describe();

        foreach (var descriptor in OptimizerCatalog.Default.Descriptors)
        {
            Assert.Contains(descriptor.Name, help);
            Assert.Contains(descriptor.Description, help);
            Assert.All(descriptor.Options, o => Assert.Contains($"{o.Key}={o.DefaultValue}", help));
        }
        Assert.Contains("lr=0.001", help);
        Assert.Contains("gtol=1e-11", help);
    }

    [Theory]
    [InlineData("engd:20", 12)]
    [InlineData("engd-woodbury:20", 8)]
    [InlineData("gauss-newton:20", 12)]
    [InlineData("lm:50", 12)]
    public void Create_EveryLeastSquaresOptimizer_SolvesLinearLeastSquaresAndReducesRosenbrock(string spec, int residuals)
    {
        // The kernel form is for fewer residuals than parameters (10).
        var phase = Assert.Single(OptimizerSpec.Parse(spec));
        using var linear = new LinearResiduals(residuals, 10, 8, noise: 0.2);
        using var theta = torch.zeros(10, ScalarType.Float64);
        var rosenbrock = new RosenbrockResiduals(2);
        using var start = RosenbrockObjective.Start(2);
        using var first = OptimizerCatalog.Default.Create(phase);
        using var second = OptimizerCatalog.Default.Create(phase);
        var initial = rosenbrock.Value(start);

        OptimizerRun.Run(first, linear, theta, phase.Steps);
        var results = OptimizerRun.Run(second, rosenbrock, start, phase.Steps);

        Assert.True(Math.Abs(linear.Value(theta) - linear.MinimumLoss) <= 1e-10 * linear.MinimumLoss + 1e-20,
            $"{linear.Value(theta):R} vs {linear.MinimumLoss:R}");
        Assert.All(results, r => Assert.True(double.IsFinite(r.Loss)));
        Assert.True(rosenbrock.Value(start) < 0.2 * initial);
    }

    [Theory]
    [InlineData("adam:300:lr=0.05")]
    [InlineData("sgd:300:lr=0.01")]
    [InlineData("lbfgs:300")]
    [InlineData("bfgs:300")]
    [InlineData("ssbfgs:300")]
    [InlineData("ssbroyden:300")]
    public void Create_EveryOptimizer_ReducesAQuadratic(string spec)
    {
        using var quadratic = new ConvexQuadratic(10, 8, 100);
        using var theta = torch.zeros(10, ScalarType.Float64);
        var phase = Assert.Single(OptimizerSpec.Parse(spec));
        using var optimizer = OptimizerCatalog.Default.Create(phase);
        var optimum = quadratic.Value(quadratic.Solution);
        var initialGap = quadratic.Value(theta) - optimum;

        var results = OptimizerRun.Run(optimizer, quadratic, theta, phase.Steps);

        Assert.All(results, r => Assert.True(double.IsFinite(r.Loss)));
        Assert.True(quadratic.Value(theta) - optimum < 1e-2 * initialGap);
    }

    [Theory]
    [InlineData("adam:500:lr=0.02")]
    [InlineData("sgd:500:lr=1e-4")]
    [InlineData("lbfgs:100")]
    [InlineData("bfgs:100")]
    [InlineData("ssbfgs:100")]
    [InlineData("ssbroyden:100")]
    public void Create_EveryOptimizer_ReducesRosenbrock(string spec)
    {
        var rosenbrock = new RosenbrockObjective(2);
        using var theta = RosenbrockObjective.Start(2);
        var phase = Assert.Single(OptimizerSpec.Parse(spec));
        using var optimizer = OptimizerCatalog.Default.Create(phase);
        var initial = rosenbrock.Value(theta);

        var results = OptimizerRun.Run(optimizer, rosenbrock, theta, phase.Steps);

        Assert.All(results, r => Assert.True(double.IsFinite(r.Loss)));
        Assert.True(rosenbrock.Value(theta) < 0.2 * initial);
    }
}
