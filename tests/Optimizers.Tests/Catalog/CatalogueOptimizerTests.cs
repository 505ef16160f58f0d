using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

/// <summary>
/// Tests generated from the catalogue: every optimizer in <see cref="OptimizerCatalog.Default"/> is built with its
/// default options, minimises a convex quadratic and the Rosenbrock function, and saves and restores its state so that a
/// resumed run is bitwise the uninterrupted one. A new optimizer is tested by adding its catalogue line; nothing here names it.
/// </summary>
public sealed class CatalogueOptimizerTests
{
    [Theory]
    [MemberData(nameof(CatalogueBed.Names), MemberType = typeof(CatalogueBed))]
    public void Create_WithDefaults_GivesACheckpointableOptimizerOfThatName(string name)
    {
        using var optimizer = CatalogueBed.Create(name);
        Assert.Equal(name, optimizer.Name);
        Assert.IsAssignableFrom<ICheckpointable>(optimizer);   // resume needs it: no optimizer is exempt
        Assert.False(string.IsNullOrWhiteSpace(OptimizerCatalog.Default.Get(name).Description));
    }

    [Theory]
    [MemberData(nameof(CatalogueBed.Names), MemberType = typeof(CatalogueBed))]
    public void Quadratic_300Steps_CloseNineTenthsOfTheGapToTheMinimum(string name)
    {
        using var bed = CatalogueBed.Quadratic(name, out var minimum);
        using var theta = bed.Start.clone();
        double start = bed.Objective.Value(theta);
        using var optimizer = CatalogueBed.Create(name);
        var steps = OptimizerRun.Run(optimizer, bed.Objective, theta, 300);
        double end = bed.Objective.Value(theta);
        Assert.All(steps, s => Assert.False(double.IsNaN(s.Loss), $"{name}: NaN loss"));
        // Measured: the curvature-based methods reach the minimum to round-off; the moment-based ones (Adam, SOAP, Shampoo,
        // Muon, Sophia with their default learning rates of 1e-3 to 3e-3) close 97 % or more of the gap.
        Assert.True(end - minimum <= 0.1 * (start - minimum), $"{name}: loss {start:E3} -> {end:E3} (minimum {minimum:E3}) in {steps.Count} steps");
    }

    [Theory]
    [MemberData(nameof(CatalogueBed.GeneralNames), MemberType = typeof(CatalogueBed))]
    public void Rosenbrock_500Steps_LowerTheLoss(string name)
    {
        using var bed = CatalogueBed.Rosenbrock();
        using var theta = bed.Start.clone();
        double start = bed.Objective.Value(theta);
        using var optimizer = CatalogueBed.Create(name);
        var steps = OptimizerRun.Run(optimizer, bed.Objective, theta, 500);
        double end = bed.Objective.Value(theta);
        Assert.All(steps, s => Assert.False(double.IsNaN(s.Loss), $"{name}: NaN loss"));
        Assert.True(end <= 0.5 * start, $"{name}: loss {start:E3} -> {end:E3} in {steps.Count} steps");
    }

    [Theory]
    [MemberData(nameof(CatalogueBed.Names), MemberType = typeof(CatalogueBed))]
    public void SaveThenLoad_IntoFreshOptimizer_ContinuesBitwise(string name)
    {
        const int half = 6;
        using var bed = CatalogueBed.Nonlinear(name);
        var roundTrip = OptimizerChecks.CheckpointRoundTrip(() => CatalogueBed.Create(name), bed.Objective, bed.Start, half);
        Assert.True(roundTrip is null, roundTrip);
        var descent = OptimizerChecks.Descent(() => CatalogueBed.Create(name), bed.Objective, bed.Start, 2 * half);
        Assert.True(descent is null, descent);
    }
}
