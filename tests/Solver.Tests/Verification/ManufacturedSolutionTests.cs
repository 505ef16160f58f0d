using FsCheck;
using FsCheck.Fluent;
using Pinn.Physics;
using Pinn.Verification.Optimizers;
using Pinn.Verification.Solver;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests.Verification;

/// <summary>
/// Method of manufactured solutions through the public properties (<see cref="ManufacturedSolution"/>): a random smooth
/// u* defines the forcing of a PDE in closed form; u* must then satisfy the problem's terms to round-off through the
/// toolkit's residual path, and the field's derivative operators must equal the closed forms.
/// </summary>
public class ManufacturedSolutionTests
{
    private static double MaxAbs(Tensor t) => t.abs().max().item<double>();

    [Fact]
    public void FieldDerivatives_RandomSmoothFunction_MatchClosedForms()
    {
        var property = Prop.ForAll(SmoothFunctions.Arbitrary(3, 3, time: false), Domains.Boxes(3, 3), CollocationSet.Arbitrary(16, SamplingMethod.Halton), (f, box, set) =>
        {
            using var scope = NewDisposeScope();
            var x = set.Draw(box.ToDomain().Interior);
            var field = new Field(new AutogradSource(f.Value, x));
            var scale = 1 + MaxAbs(f.Value(x));
            var errors = new List<(string What, double Error)>();
            for (var k = 0; k < 3; k++)
            {
                errors.Add(($"D{k}", MaxAbs(field.D(k) - f.D(x, k))));
                errors.Add(($"D2{k}", MaxAbs(field.D2(k) - f.D2(x, k))));
                for (var j = k + 1; j < 3; j++) errors.Add(($"Mixed{k}{j}", MaxAbs(field.Mixed(k, j) - f.Mixed(x, k, j))));
            }
            errors.Add(("Laplacian", MaxAbs(field.Laplacian() - f.Laplacian(x))));
            var worst = errors.MaxBy(e => e.Error);
            return (worst.Error <= 1e-11 * scale).Label($"{worst.What} off by {worst.Error:E2} (scale {scale:E2})");
        });
        PropertyRun.Check(property, 30);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AnisotropicReactionDiffusion_RandomCoefficients_ExactSolutionHasZeroResidualInEveryTerm(int d)
    {
        // −Σₖ aₖ u_kk + κu = f in the box, u = u* on its boundary, f from u* in closed form; a₀..a_{d−1}, κ random.
        var property = Prop.ForAll(Coefficients.Arbitrary(d + 1, 0.1, 7), c => ManufacturedSolution.Property(d, exact =>
            Problem.On(Domain.Box(Enumerable.Repeat((0.0, 1.0), d).ToArray()))
                .Interior(Sample.Halton(60), (u, x) => -u.Second(c.Values.Take(d).ToArray()) + c[d] * u.Value,
                    x => -exact.Second(x, c.Values.Take(d).ToArray()) + c[d] * exact.Value(x))
                .Dirichlet(Sample.Uniform(40), exact.Value)
                .WithSolution(exact.Value)));
        PropertyRun.Check(property, 10);
    }

    [Theory]
    [InlineData(1, 0.1)]
    [InlineData(2, 0.5)]
    public void Heat_ExactSolution_HasZeroResidualInEveryTerm(int spaceDimension, double viscosity)
    {
        // u_t − ν Δu = f on space × [0, 1], with u = u* on the spatial boundary and at t = 0 (time is the last input).
        ManufacturedSolution.Check(spaceDimension, exact => Problem.On(
                Domain.SpaceTime(Domain.Box(Enumerable.Repeat((-1.0, 1.0), spaceDimension).ToArray()), (0, 1)))
            .Interior(Sample.Uniform(50), (u, x) => u.Dt() - viscosity * u.Laplacian(), x => exact.Dt(x) - viscosity * exact.Laplacian(x))
            .Dirichlet(Sample.Halton(30), exact.Value)
            .Initial(Sample.Grid(16), exact.Value), time: true, options: new(MaxTest: 10));
    }

    [Fact]
    public void AnisotropicDiffusion_SignErrorInOneTerm_ShrinksToTheMonomialOfThatCoordinate()
    {
        // −(a₀u_xx + a₁u_yy) = f with the sign of the u_yy term wrong in the residual: the counterexample names the term
        // and shrinks u* to y².
        var error = Assert.ThrowsAny<Exception>(() => ManufacturedSolution.Check(2, exact => Problem.On(Domain.Box((0, 1), (0, 2)))
            .Interior(Sample.Halton(50), (u, x) => -(u.D2(0) - 2 * u.D2(1)), x => -exact.Second(x, [1, 2]))
            .Dirichlet(Sample.Halton(20), exact.Value)));
        Assert.Contains("term 'pde': residual", error.Message);
        Assert.Contains("u(x, y) = y^2; 1 point per term, seed 0", error.Message);
    }

    [Fact]
    public void BoundaryData_WrongCoordinate_NamesTheBoundaryTerm()
    {
        var error = Assert.ThrowsAny<Exception>(() => ManufacturedSolution.Check(2, exact => Problem.On(Domain.Box((0, 1), (0, 1)))
            .Interior(Sample.Halton(50), (u, x) => -u.Laplacian(), x => -exact.Laplacian(x))
            .Dirichlet(Sample.Halton(20), x => exact.Value(x.flip(1)))));
        Assert.Contains("term 'boundary': residual", error.Message);
        Assert.DoesNotContain("term 'pde'", error.Message);
    }

    [Fact]
    public void Factory_OnAnotherDimension_IsRejectedBeforeAnyCase()
    {
        var error = Assert.Throws<ArgumentException>(() => ManufacturedSolution.Check(3, exact => Problem.On(Domain.Box((0, 1), (0, 1)))
            .Interior(Sample.Halton(10), (u, x) => -u.Laplacian(), x => -exact.Laplacian(x))));
        Assert.Contains("pass the problem's spatial dimension", error.Message);
    }
}
