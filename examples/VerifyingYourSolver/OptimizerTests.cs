using Pinn.Optimizers;
using Pinn.Verification.Optimizers;

namespace VerifyingYourSolver;

/// <summary>Does the new optimizer keep what an optimizer must? Checked on random convex quadratics.</summary>
public class OptimizerTests
{
    private static IOptimizer Create() => new RmsScaledDescent(rate: 0.01);

    [Fact]
    public void Descends() => OptimizerInvariants.CheckDescent(Create);

    [Fact]
    public void ReorderingTheParameters_ReordersTheSteps() => OptimizerInvariants.CheckOrderingInvariance(Create);

    [Fact]
    public void CheckpointRoundTrip_IsBitwise() => OptimizerInvariants.CheckCheckpointRoundTrip(Create);

    [Fact]
    public void LeaksNoTensors() => OptimizerInvariants.CheckNoTensorLeak(Create);
}
