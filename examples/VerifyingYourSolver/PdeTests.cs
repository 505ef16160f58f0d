using Pinn.Verification.Solver;

namespace VerifyingYourSolver;

/// <summary>Is the new PDE written right? Checked before any training, in seconds.</summary>
public class PdeTests
{
    private static readonly SeededBug Bug = SeededBugs.FromEnvironment();

    /// <summary>For random exact solutions u*, every term of the manufactured problem vanishes at u* (the failure names
    /// the term, the point, the size, and the smallest u* that still fails).</summary>
    [Fact]
    public void ManufacturedSolution_EveryTermVanishes() =>
        ManufacturedSolution.Check(3, u => AnisotropicPoisson.Manufactured(u, Bug));

    /// <summary>The engine's fast Taylor-mode path reads every term as nested autograd does (values and Jacobians).</summary>
    [Fact]
    public void TaylorMode_AgreesWithNestedAutograd()
    {
        var u = new SmoothFunction(3, false, [new SmoothProduct(1, [new SineFactor(3, 0), SmoothFactor.Monomial(2), new ExponentialFactor(0.5)])]);
        DerivativeConsistency.Check(AnisotropicPoisson.Manufactured(u, Bug));
    }
}
