using Pinn.Verification.Optimizers;

namespace Pinn.Optimizers.Tests.Verification;

/// <summary>The public optimizer properties (<see cref="OptimizerInvariants"/>): catalogue optimizers keep them, and each
/// flaw of <see cref="FlawedMomentum"/> breaks exactly the invariant it should, with a message that says how.</summary>
[Collection(nameof(TensorCountCollection))]
public class OptimizerInvariantsTests
{
    private static Func<IOptimizer> Catalogue(string spec) => () => OptimizerCatalog.Default.Create(OptimizerSpec.Parse(spec).Single());

    [Theory]
    [InlineData("adam:1:lr=0.01", false)]
    [InlineData("sgd:1:lr=0.005", false)]
    [InlineData("lbfgs:1", true)]
    [InlineData("bfgs:1", true)]
    [InlineData("nncg:1", false)]
    public void CatalogueOptimizer_DescendsOnRandomQuadratics(string spec, bool everyStep) =>
        OptimizerInvariants.CheckDescent(Catalogue(spec), new(MaxTest: 10, EveryStep: everyStep, MaxCondition: 1e3));

    [Theory]
    [InlineData("adam:1:lr=0.01")]
    [InlineData("sgd:1:lr=0.005:momentum=0.9")]
    [InlineData("lbfgs:1")]
    public void ElementwiseOrCoordinateFreeOptimizer_IsInvariantUnderReordering(string spec) =>
        OptimizerInvariants.CheckOrderingInvariance(Catalogue(spec), new(MaxTest: 10, Steps: 10, Tolerance: 1e-9));

    [Theory]
    [InlineData("adam:1:lr=0.01")]
    [InlineData("lbfgs:1")]
    public void CatalogueOptimizer_CheckpointRoundTripOnRandomQuadratics_IsBitwise(string spec) =>
        OptimizerInvariants.CheckCheckpointRoundTrip(Catalogue(spec), new(MaxTest: 10, Steps: 8));

    [Fact]
    public void Momentum_WithoutFlaws_KeepsEveryInvariant()
    {
        Func<IOptimizer> create = () => new FlawedMomentum(Flaw.None, rate: 0.01);
        OptimizerInvariants.CheckDescent(create, new(MaxTest: 10, MaxCondition: 100));
        OptimizerInvariants.CheckOrderingInvariance(create, new(MaxTest: 10));
        OptimizerInvariants.CheckCheckpointRoundTrip(create, new(MaxTest: 10));
        OptimizerInvariants.CheckNoTensorLeak(create);
    }

    [Fact]
    public void Momentum_SteppingUphill_FailsDescentOnTheSmallestQuadratic()
    {
        var error = Assert.ThrowsAny<Exception>(() => OptimizerInvariants.CheckDescent(() => new FlawedMomentum(Flaw.Ascent), new(MaxTest: 10)));
        Assert.Contains("momentum(Ascent): the loss went from", error.Message);
        Assert.Contains("quadratic of 1 parameter, condition number 1, seed 0", error.Message);
    }

    [Fact]
    public void Momentum_ReadingTheParameterOrder_FailsOrderingInvariance()
    {
        var error = Assert.ThrowsAny<Exception>(() => OptimizerInvariants.CheckOrderingInvariance(() => new FlawedMomentum(Flaw.IndexScaled), new(MaxTest: 10)));
        Assert.Contains("momentum(IndexScaled): after step 1 the reordered run is", error.Message);
        Assert.Contains("quadratic of 2 parameters", error.Message);
    }

    [Fact]
    public void Momentum_ForgettingItsVelocity_FailsTheCheckpointRoundTrip()
    {
        var error = Assert.ThrowsAny<Exception>(() => OptimizerInvariants.CheckCheckpointRoundTrip(() => new FlawedMomentum(Flaw.ForgetsVelocity), new(MaxTest: 10)));
        Assert.Contains("momentum(ForgetsVelocity): step 12 reports loss", error.Message);
        Assert.Contains("after the round trip at step 10", error.Message);
    }

    [Fact]
    public void Momentum_KeepingEveryGradient_FailsTheLeakCheck()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OptimizerInvariants.CheckNoTensorLeak(() => new FlawedMomentum(Flaw.KeepsGradients, rate: 1e-4)));
        Assert.Contains("momentum(KeepsGradients): at most", error.Message);
    }
}
