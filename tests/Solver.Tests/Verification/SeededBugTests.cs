using Pinn.Verification.Solver;
using VerifyingYourSolver;

namespace Pinn.Solver.Tests.Verification;

/// <summary>
/// The example's three seeded bugs (examples/VerifyingYourSolver, switched on there with PINN_SEEDED_BUG) are each caught
/// by the manufactured-solution property, and FsCheck's shrunk counterexample names the faulty term and the smallest
/// exact solution that exposes it: the monomial of the coordinate whose term is wrong, at one point.
/// </summary>
public class SeededBugTests
{
    private static string FailureOf(SeededBug bug) =>
        Assert.ThrowsAny<Exception>(() => ManufacturedSolution.Check(3, u => AnisotropicPoisson.Manufactured(u, bug))).Message;

    [Fact]
    public void NoBug_EveryTermVanishes() => ManufacturedSolution.Check(3, u => AnisotropicPoisson.Manufactured(u));

    [Fact]
    public void SignErrorInTheUzzTerm_NamesThePdeTermAndShrinksToZSquared()
    {
        // −(u_xx + 2u_yy − 3u_zz) against f = −(u*_xx + 2u*_yy + 3u*_zz): the residual is 6u*_zz = 12 at u* = z².
        var message = FailureOf(SeededBug.Sign);
        Assert.Contains("term 'pde': residual 1.200E+001 at (x, y, z) = ", message);
        Assert.Contains("Shrunk:\nu(x, y, z) = z^2; 1 point per term, seed 0", message.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void MissingFactor2InTheUyyTerm_NamesThePdeTermAndShrinksToYSquared()
    {
        // −(u_xx + u_yy + 3u_zz): the residual is u*_yy = 2 at u* = y².
        var message = FailureOf(SeededBug.Factor2);
        Assert.Contains("term 'pde': residual 2.000E+000 at (x, y, z) = ", message);
        Assert.Contains("Shrunk:\nu(x, y, z) = y^2; 1 point per term, seed 0", message.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void FluxInTheWrongCoordinate_NamesTheFluxTerm()
    {
        // ∂u/∂y where ∂u/∂z is meant: u* = y gives the residual 1 − 0 on the top face, u* = z gives 0 − 1.
        var message = FailureOf(SeededBug.Flux);
        Assert.Contains("term 'flux': residual ", message);
        Assert.DoesNotContain("term 'pde'", message);
        Assert.Matches(@"Shrunk:\nu\(x, y, z\) = [yz]; 1 point per term, seed 0", message.ReplaceLineEndings("\n"));
    }
}
