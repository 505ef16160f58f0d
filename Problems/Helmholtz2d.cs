using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Problems;

/// <summary>
/// The Helmholtz problem of Wang, Teng, Perdikaris (2021, "gradient pathologies"): Δu + k²u = f on
/// [−1, 1]², u = 0 on the boundary, k = 1, a₁ = 1, a₂ = 4; u* = sin(a₁πx) sin(a₂πy), so
/// f = (k² − (a₁² + a₂²)π²) u*.
/// </summary>
/// <remarks>
/// Defaults sized for a 2-core CPU: 1 600 interior points (a 40 × 40 grid, about 10 per wavelength in y)
/// and 400 boundary points, network 2-50-50-1.
/// <para>
/// Hard form (<see cref="ProblemOptions.Hard"/>): u = (1 − x²)(1 − y²)·N vanishes on the boundary, whose term is dropped.
/// </para>
/// </remarks>
public sealed class Helmholtz2d : IBenchmarkProblem
{
    /// <summary>The wave number k.</summary>
    public const double WaveNumber = 1;
    /// <summary>The frequency a₁ in x.</summary>
    public const double FrequencyX = 1;
    /// <summary>The frequency a₂ in y.</summary>
    public const double FrequencyY = 4;

    /// <inheritdoc />
    public string Name => "helmholtz2d";
    /// <inheritdoc />
    public string Description => "Δu + u = f on [-1,1]², u = 0 on ∂Ω; exact sin(πx)sin(4πy); 40×40 grid + 400 boundary";
    /// <inheritdoc />
    public int[] DefaultHidden => [50, 50];
    /// <inheritdoc />
    public Recipe Recipe => new("lm:2000") { Hard = true, Sampling = "halton", Points = 8192, Hidden = [20, 20, 20], Budget = 600 };
    /// <inheritdoc />
    public string? HardForm => "u = (1-x²)(1-y²)·N (boundary exact)";

    /// <summary>The exact solution.</summary>
    public static Tensor Exact(Tensor p) => (FrequencyX * Math.PI * p[.., 0]).sin() * (FrequencyY * Math.PI * p[.., 1]).sin();

    /// <summary>The source f = Δu* + k²u*.</summary>
    public static Tensor Source(Tensor p) =>
        (WaveNumber * WaveNumber - (FrequencyX * FrequencyX + FrequencyY * FrequencyY) * Math.PI * Math.PI) * Exact(p);

    /// <inheritdoc />
    public Problem Create(ProblemOptions size)
    {
        size.CheckForms(this);
        var problem = Problem.On(Domain.Box((-1, 1), (-1, 1)))
            .Interior(Sample.Grid(size.InteriorPoints ?? 1600), (u, x) => u.Laplacian() + WaveNumber * WaveNumber * u.Value, Source);
        problem = size.Hard
            ? problem.WithTransform(p => zeros(p.shape[0], dtype: ScalarType.Float64), p => (1 - p[.., 0].square()) * (1 - p[.., 1].square()))
            : problem.Dirichlet(Sample.Grid(size.BoundaryPoints ?? 400), Exact);
        return problem.WithSolution(Exact).Named(Name);
    }
}
