using Pinn.Physics;
using Pinn.Problems;
using Pinn.Verification.Solver;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests.Verification;

/// <summary>The public Taylor-mode vs nested-autograd property (<see cref="DerivativeConsistency"/>) on catalogue problems
/// and on a term that the fast path misreads.</summary>
public class DerivativeConsistencyTests
{
    [Theory]
    [InlineData("poisson2d", false)]
    [InlineData("poisson2d", true)]
    [InlineData("heat1d", false)]
    [InlineData("burgers", false)]
    [InlineData("kovasznay", false)]
    public void CatalogueProblem_TaylorModeAndNestedAutograd_Agree(string name, bool hard) =>
        DerivativeConsistency.Check(ProblemCatalog.Get(name).Create(new ProblemOptions(16, 8, Hard: hard)), new(MaxTest: 5));

    [Fact]
    public void Term_AskingForDerivativesThatDependOnTheNetwork_IsCaughtAndNamed()
    {
        // The operator's coefficient depends on the sign of mean(u): the dry run that records what the residual needs
        // sees u = 0 and records u_xx + u_yy only, so a network with mean(u) > 0 asks the Taylor-mode pass for 2u_xx + u_yy,
        // which it never computed. Nested autograd serves either; the property names the term.
        var problem = Problem.On(Domain.Box((0, 1), (0, 1)))
            .Dirichlet(Sample.Halton(10), x => zeros(x.shape[0], dtype: ScalarType.Float64))
            .Term("anisotropic", Domain.Box((0, 1), (0, 1)).Interior, Sample.Halton(20), (u, x) =>
                -u.Second([u.Value.mean().item<double>() > 0 ? 2.0 : 1.0, 1.0]));
        var error = Assert.ThrowsAny<Exception>(() => DerivativeConsistency.Check(problem, new(MaxTest: 20)));
        Assert.Contains("term 'anisotropic' (Taylor mode): throws on the fast path only", error.Message);
        Assert.DoesNotContain("term 'boundary'", error.Message);
    }
}
