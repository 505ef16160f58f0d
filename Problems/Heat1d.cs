using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Problems;

/// <summary>
/// u_t = ¼ u_xx on x ∈ [0,1], t ∈ [0,1]; u(x,0) = sin πx; u(0,t) = u(1,t) = 0;
/// u* = exp(−π²t/4) sin πx (Müller &amp; Zeinhofer 2023). Defaults: 900 interior points (30×30 grid),
/// 120 condition points split evenly between the initial slice and the two ends.
/// </summary>
/// <remarks>
/// Hard form (<see cref="ProblemOptions.Hard"/>): u = sin πx + x(1 − x) t·N; the initial condition and both ends hold
/// exactly and only the PDE term remains.
/// </remarks>
public sealed class Heat1d : IBenchmarkProblem
{
    /// <inheritdoc />
    public string Name => "heat1d";
    /// <inheritdoc />
    public string Description => "u_t = ¼u_xx, x,t ∈ [0,1], u(x,0) = sin πx, u(0,t) = u(1,t) = 0; exact exp(-π²t/4) sin πx";
    /// <inheritdoc />
    public int[] DefaultHidden => [64, 64];
    /// <inheritdoc />
    public Recipe Recipe => new("lm:3000") { Hard = true, Hidden = [64], Budget = 600 };
    /// <inheritdoc />
    public string? HardForm => "u = sin πx + x(1-x)t·N (initial condition and ends exact)";

    /// <summary>The exact solution at (x, t).</summary>
    public static Tensor Exact(Tensor p) => (-Math.PI * Math.PI / 4 * p[.., 1]).exp() * (Math.PI * p[.., 0]).sin();

    /// <inheritdoc />
    public Problem Create(ProblemOptions size)
    {
        size.CheckForms(this);
        int conditions = size.BoundaryPoints ?? 120;
        int initial = Math.Max(1, conditions / 2), ends = Math.Max(2, conditions - initial);
        var problem = Problem.On(Domain.SpaceTime(Domain.Box((0, 1)), (0, 1)))
            .Interior(Sample.Grid(size.InteriorPoints ?? 900), (u, x) => u.Dt() - 0.25 * u.D2(0));
        problem = size.Hard
            ? problem.WithTransform(p => (Math.PI * p[.., 0]).sin(), p => p[.., 0] * (1 - p[.., 0]) * p[.., 1])
            : problem.Initial(Sample.Grid(initial), Exact).Dirichlet(Sample.Grid(ends), Exact);
        return problem.WithSolution(Exact).Named(Name);
    }
}
