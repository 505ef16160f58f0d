using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Physics;
using Pinn.Solver.Engine;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests.Verification;

/// <summary>
/// Method of manufactured solutions: a random smooth u* defines the forcing of a PDE in closed form; u* must then
/// satisfy the problem's terms to round-off through the toolkit's residual path (term data, collocated points, Field
/// over nested autograd), and the field's derivative operators must equal the closed forms.
/// </summary>
public class ManufacturedSolutionTests
{
    private static double MaxAbs(Tensor t) => t.abs().max().item<double>();

    [Property(MaxTest = 30)]
    public Property FieldDerivatives_RandomSmoothFunction_MatchClosedForms(PositiveInt dimension, int seed)
    {
        var d = 1 + dimension.Get % 3;
        using var scope = NewDisposeScope();
        var u = new RandomSmoothFunction(d, seed);
        var box = new Box(Enumerable.Repeat((-1.0, 1.5), d).ToArray());
        var x = Points.ToTensor(box.FromUnit(Halton.Points(16, d, (uint)seed % 500)));
        var field = new Field(new AutogradSource(u.Value, x));
        var scale = 1 + MaxAbs(u.Value(x));

        var errors = new List<(string What, double Error)>();
        for (var k = 0; k < d; k++)
        {
            errors.Add(($"D{k}", MaxAbs(field.D(k) - u.D(x, k))));
            errors.Add(($"D2{k}", MaxAbs(field.D2(k) - u.D2(x, k))));
            for (var j = k + 1; j < d; j++)
            {
                errors.Add(($"Mixed{k}{j}", MaxAbs(field.Mixed(k, j) - u.Mixed(x, k, j))));
            }
        }
        errors.Add(("Laplacian", MaxAbs(field.Laplacian() - u.Laplacian(x, Enumerable.Range(0, d)))));
        var worst = errors.MaxBy(e => e.Error);
        return (worst.Error <= 1e-11 * scale).Label($"d = {d}: {worst.What} off by {worst.Error:E2} (scale {scale:E2})");
    }

    [Property(MaxTest = 15)]
    public Property SteadyReactionDiffusion_ExactSolution_HasZeroResidualInEveryTerm(PositiveInt dimension, int seed)
    {
        // −Δu + κu = f in the box, u = u* on its boundary, f = −Δu* + κu* in closed form.
        var d = 1 + dimension.Get % 3;
        var kappa = 0.5 + Math.Abs(seed % 7);
        var exact = new RandomSmoothFunction(d, seed);
        var spatial = Enumerable.Range(0, d).ToArray();
        var problem = Problem.On(Domain.Box(Enumerable.Repeat((0.0, 1.0), d).ToArray()))
            .Interior(Sample.Halton(60), (u, x) => -u.Laplacian() + kappa * u.Value, x => -exact.Laplacian(x, spatial) + kappa * exact.Value(x))
            .Dirichlet(Sample.Uniform(40), exact.Value)
            .WithSolution(exact.Value);
        return ZeroResidual(problem, exact, seed);
    }

    [Property(MaxTest = 15)]
    public Property Heat_ExactSolution_HasZeroResidualInEveryTerm(PositiveInt dimension, int seed)
    {
        // u_t − ν Δu = f on space × [0, 1], with u = u* on the spatial boundary and at t = 0 (time is the last input).
        var spaceDimension = 1 + dimension.Get % 2;
        var viscosity = 0.1 * (1 + Math.Abs(seed % 5));
        var exact = new RandomSmoothFunction(spaceDimension + 1, seed);
        var spatial = Enumerable.Range(0, spaceDimension).ToArray();
        var domain = Domain.SpaceTime(Domain.Box(Enumerable.Repeat((-1.0, 1.0), spaceDimension).ToArray()), (0, 1));
        var problem = Problem.On(domain)
            .Interior(Sample.Uniform(50), (u, x) => u.Dt() - viscosity * u.Laplacian(),
                x => exact.D(x, spaceDimension) - viscosity * exact.Laplacian(x, spatial))
            .Dirichlet(Sample.Halton(30), exact.Value)
            .Initial(Sample.Grid(16), exact.Value);
        return ZeroResidual(problem, exact, seed);
    }

    /// <summary>Every term of <paramref name="problem"/> evaluated on u* at its collocated points is zero to round-off.</summary>
    private static Property ZeroResidual(Problem problem, RandomSmoothFunction exact, int seed)
    {
        using var scope = NewDisposeScope();
        var random = new Random(seed);
        var worst = (Term: "", Residual: 0.0, Scale: 1.0);
        foreach (var term in problem.Terms)
        {
            using var collocated = new CollocatedTerm(term, random, problem.Outputs, problem.Domain.TimeIndex);
            var field = new Field(new AutogradSource(exact.Value, collocated.Points), problem.Domain.TimeIndex);
            var residual = MaxAbs(collocated.Evaluate(field));
            var scale = 1 + (collocated.Data is { } data ? MaxAbs(data) : 0);
            if (residual / scale > worst.Residual / worst.Scale)
            {
                worst = (term.Name, residual, scale);
            }
        }
        return (worst.Residual <= 1e-11 * worst.Scale)
            .Label($"{problem.Domain.Dimension}-D: term '{worst.Term}' residual {worst.Residual:E2} (data scale {worst.Scale:E2})");
    }
}
