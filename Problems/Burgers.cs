using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Problems;

/// <summary>
/// Burgers' equation as in Raissi, Perdikaris, Karniadakis (2019): u_t + u u_x = (0.01/π) u_xx on
/// x ∈ [−1, 1], t ∈ [0, 1]; u(x, 0) = −sin πx; u(±1, t) = 0; exact solution by the Cole–Hopf integral
/// (<see cref="ColeHopf"/>).
/// </summary>
/// <remarks>
/// The reference reproduces the classic Raissi grid (burgers_raissi.h5) to 4e-11 and Basdevant et al.'s
/// (1986) steepest slope u_x(0, 1.6037/π) = −152.00516. Defaults sized for a 2-core CPU (Raissi et al.
/// use 10 000 Latin-hypercube points and 100 initial/boundary points, network 8 × 20): 2 025 interior
/// points (a 45 × 45 grid, x = 0 on it), 200 condition points (100 initial, 100 on the ends),
/// network 2-50-50-50-1.
/// <para>
/// Hard form (<see cref="ProblemOptions.Hard"/>): u = −sin πx + (1 − x²) t·N; the initial condition and both ends hold
/// exactly and only the PDE term remains.
/// </para>
/// </remarks>
public sealed class Burgers : IBenchmarkProblem
{
    /// <summary>ν = 0.01/π.</summary>
    public const double Viscosity = 0.01 / Math.PI;

    private static readonly Lazy<ColeHopf> Reference = new(() => new ColeHopf(Viscosity));

    /// <inheritdoc />
    public string Name => "burgers";
    /// <inheritdoc />
    public string Description => "u_t + u u_x = (0.01/π) u_xx, x ∈ [-1,1], t ∈ [0,1], u(x,0) = -sin πx, u(±1,t) = 0; exact Cole-Hopf (Gauss-Hermite); 45×45 grid + 100 initial + 100 ends";
    /// <inheritdoc />
    public int[] DefaultHidden => [50, 50, 50];
    /// <inheritdoc />
    public Recipe Recipe => new("lm:1500") { Hard = true, Adaptive = "rad:every=200", Points = 4096, Hidden = [20, 20, 20], Budget = 600 };
    /// <inheritdoc />
    public string? HardForm => "u = -sin πx + (1-x²)t·N (initial condition and ends exact)";

    /// <summary>The exact solution at (x, t), [N, 2] → [N].</summary>
    public static Tensor Exact(Tensor p) => Reference.Value.Evaluate(p);

    /// <summary>The initial data −sin πx.</summary>
    public static Tensor Initial(Tensor p) => -(Math.PI * p[.., 0]).sin();

    /// <inheritdoc />
    public Problem Create(ProblemOptions size)
    {
        size.CheckForms(this);
        var split = ConditionSplit.Of(size.BoundaryPoints ?? 200);
        var problem = Problem.On(Domain.SpaceTime(Domain.Box((-1, 1)), (0, 1)))
            .Interior(Sample.Grid(size.InteriorPoints ?? 2025), (u, x) => u.Dt() + u.Value * u.D(0) - Viscosity * u.D2(0));
        problem = size.Hard
            ? problem.WithTransform(Initial, p => (1 - p[.., 0].square()) * p[.., 1])
            : problem.Initial(Sample.Grid(split.Initial), Initial).Dirichlet(Sample.Grid(split.Ends), p => zeros(p.shape[0], dtype: ScalarType.Float64));
        return problem.WithSolution(Exact).WithErrorGrid(ErrorGrids.Jaxpi).Named(Name);
    }
}
