using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>
/// A test objective and its start point chosen by what a catalogue optimizer needs (<see cref="OptimizerDescriptor.Needs"/>),
/// so that the catalogue-driven tests run every optimizer without a list of names: K-FAC gets a one-layer least-squares
/// problem with exact Kronecker factors, every other optimizer a residual objective (which also gives Hessian products).
/// </summary>
internal sealed class CatalogueBed(IObjective objective, Tensor start, IDisposable? owned) : IDisposable
{
    public IObjective Objective => objective;

    /// <summary>The start point (the bed owns it; clone it to step).</summary>
    public Tensor Start => start;

    /// <summary>The catalogue's optimizers, by name (MemberData).</summary>
    public static TheoryData<string> Names() => [.. OptimizerCatalog.Default.Descriptors.Select(d => d.Name)];

    /// <summary>Those that take a general objective (all but the ones needing per-layer Kronecker factors).</summary>
    public static TheoryData<string> GeneralNames() =>
        [.. OptimizerCatalog.Default.Descriptors.Where(d => d.Needs != ObjectiveNeeds.KroneckerFactors).Select(d => d.Name)];

    /// <summary>A new optimizer of the catalogue with its default options.</summary>
    public static IOptimizer Create(string name) => OptimizerCatalog.Default.Create(OptimizerSpec.Parse(name).Single());

    /// <summary>A convex quadratic ‖Aθ − b‖² (30 × 10, noisy: nonzero minimum) from θ* + 0.1ξ (within reach of a learning
    /// rate of 10⁻³ in a few hundred steps); its minimum in <paramref name="minimum"/>.</summary>
    public static CatalogueBed Quadratic(string name, out double minimum)
    {
        if (NeedsKronecker(name))
        {
            var k = new KroneckerLeastSquares(3, 4, 5, 10, 12);
            minimum = 0;
            return new(k, k.Start.clone(), k);
        }
        var linear = new LinearResiduals(30, 10, seed: 5, noise: 0.1);
        minimum = linear.MinimumLoss;
        using var offset = GaussianTensors.Gaussian(new Random(6), 10);
        return new(linear, linear.Solution.add(offset, 0.1), linear);
    }

    /// <summary>The 4-D chained Rosenbrock function as least squares, from its standard start.</summary>
    public static CatalogueBed Rosenbrock() => new(new RosenbrockResiduals(4), RosenbrockObjective.Start(4), null);

    /// <summary>A small nonlinear least-squares fit (a tanh model; K-FAC: the one-layer problem).</summary>
    public static CatalogueBed Nonlinear(string name, double noise = 0, double perturbation = 0.5)
    {
        if (NeedsKronecker(name))
        {
            var k = new KroneckerLeastSquares(3, 4, 5, 10, 12);
            return new(k, k.Start.clone(), k);
        }
        var fit = new TanhModelResiduals(residuals: 30, hidden: 6, parameters: 10, seed: 11, noise: noise, perturbation: perturbation);
        return new(fit, fit.Start.clone(), fit);
    }

    /// <summary>A regression of a plain TorchSharp module (weights as matrices, residuals, Hessian products; K-FAC: the one-layer problem).</summary>
    public static CatalogueBed Module(string name)
    {
        if (NeedsKronecker(name)) return Nonlinear(name);
        var module = new RegressionModule();
        return new(module.Fit, module.Fit.Theta(), module);
    }

    public void Dispose()
    {
        start.Dispose();
        owned?.Dispose();
    }

    private static bool NeedsKronecker(string name) => OptimizerCatalog.Default.Get(name).Needs == ObjectiveNeeds.KroneckerFactors;

    /// <summary>A 2-6-6-2 tanh network on 24 points of a smooth map, noisy targets (nonzero minimum).</summary>
    private sealed class RegressionModule : IDisposable
    {
        private readonly nn.Module<Tensor, Tensor> _model;
        private readonly Tensor _x;
        private readonly Tensor _y;

        public RegressionModule()
        {
            var random = new Random(23);
            _x = GaussianTensors.Gaussian(random, 24, 2).DetachFromDisposeScope();
            _y = cat([_x.sum(1, keepdim: true).sin(), _x.prod(1, keepdim: true).cos()], 1).add_(GaussianTensors.Gaussian(random, 24, 2), 0.1).DetachFromDisposeScope();
            manual_seed(23);
            _model = nn.Sequential(("l1", nn.Linear(2, 6)), ("t1", nn.Tanh()), ("l2", nn.Linear(6, 6)), ("t2", nn.Tanh()), ("l3", nn.Linear(6, 2)));
            _model.to(float64);
            Fit = new ModuleLeastSquares(_model, () => (_model.call(_x) - _y).flatten() / Math.Sqrt(24));
        }

        public ModuleLeastSquares Fit { get; }

        public void Dispose()
        {
            _model.Dispose();
            _x.Dispose();
            _y.Dispose();
        }
    }
}
