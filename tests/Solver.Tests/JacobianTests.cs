using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Physics;
using Pinn.Problems;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

public class JacobianTests
{
    private static readonly Activation[] Activations = Enum.GetValues<Activation>();

    private static double Relative(Tensor a, Tensor b) => ((a - b).abs().max() / (b.abs().max() + 1e-300)).item<double>();

    /// <summary>A 2-D problem exercising value, gradient, Laplacian, a weighted u_xx and two outputs' worth of terms.</summary>
    private static Problem Mixed(int points) =>
        Problem.On(Domain.SpaceTime(Domain.Box((-1, 2)), (0, 1)))
            .Interior(Sample.Halton(points), (u, x) => u.Dt() - 0.3 * u.D2(0) + u.Value * u.D(0) - x[.., 0].sin())
            .Initial(Sample.Halton(points / 2), x => x[.., 0].cos())
            .Boundary(Sample.Halton(points / 2), (u, x) => u.D(0) + u.Laplacian() * 0.5, weight: 3.0);

    [Property(MaxTest = 25)]
    public Property FastJacobian_RandomMlpAndResiduals_EqualsRowByRowAutograd(PositiveInt width, PositiveInt depth, int seed, PositiveInt act, PositiveInt size)
    {
        using var scope = NewDisposeScope();
        var problem = Mixed(4 + size.Get % 20);
        var activation = Activations[act.Get % Activations.Length];
        using var net = new Mlp(new MlpOptions(2, Enumerable.Repeat(1 + width.Get % 12, 1 + depth.Get % 3).ToArray(), 1, activation, Seed: seed),
            problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        using var fast = new PinnObjective(problem, net);
        using var slow = new PinnObjective(problem, net) { ForceAutograd = true };
        var (r1, j1) = fast.ResidualsAndJacobian(net.Parameters);
        var (r2, j2) = slow.ResidualsAndJacobian(net.Parameters);
        double dj = Relative(j1, j2), dr = Relative(r1, r2);
        return (dj <= 1e-12 && dr <= 1e-12).Label($"{activation}: J {dj:E2}, r {dr:E2}");
    }

    [Theory]
    [InlineData("poisson2d")]
    [InlineData("heat1d")]
    public void Jacobian_IsConsistentWithLossAndGradient(string name)
    {
        using var scope = NewDisposeScope();
        var problem = ProblemCatalog.Get(name).Create(new ProblemOptions(64, 20));
        using var net = new Mlp(new MlpOptions(2, [10], Seed: 4), problem.Domain.Bounds.Lower, problem.Domain.Bounds.Upper);
        using var objective = new PinnObjective(problem, net);
        var (r, j) = objective.ResidualsAndJacobian(net.Parameters);
        var (loss, g) = objective.ValueAndGradient(net.Parameters);
        Assert.Equal(objective.ResidualCount, r.shape[0]);
        Assert.Equal(new[] { r.shape[0], net.ParameterCount }, j.shape);
        Assert.Equal(loss, r.dot(r).item<double>(), 1e-13 * loss);
        Assert.True(Relative(2 * j.t().matmul(r), g) < 1e-12);
        Assert.True(Relative(objective.Residuals(net.Parameters), r) < 1e-14);
    }

    [Fact]
    public void Jacobian_PeriodicTerm_FallsBackToRowByRow()
    {
        using var scope = NewDisposeScope();
        var problem = Problem.On(Domain.SpaceTime(Domain.Box((0, 2 * Math.PI)), (0, 1)))
            .Interior(Sample.Grid(25), (u, x) => u.Dt() + u.D(0))
            .Periodic(0, Sample.Grid(6), derivatives: 1);
        using var net = new Mlp(new MlpOptions(2, [5], Seed: 1));
        using var fast = new PinnObjective(problem, net);
        using var slow = new PinnObjective(problem, net) { ForceAutograd = true };
        var (_, j1) = fast.ResidualsAndJacobian(net.Parameters);
        var (_, j2) = slow.ResidualsAndJacobian(net.Parameters);
        Assert.Equal(25 + 12, j1.shape[0]);
        Assert.True(Relative(j1, j2) < 1e-12);
    }
}
