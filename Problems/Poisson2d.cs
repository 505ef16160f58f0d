using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Problems;

/// <summary>
/// −Δu = 2π² sin(πx) sin(πy) on [0,1]², u = 0 on the boundary; u* = sin(πx) sin(πy).
/// Defaults: 900 interior points (30×30 grid) and 120 boundary points, as in Müller &amp; Zeinhofer (2023)
/// and the KFAC-for-PINNs reproduction (Dangel, Müller, Zeinhofer 2024).
/// </summary>
public sealed class Poisson2d : IBenchmarkProblem
{
    /// <inheritdoc />
    public string Name => "poisson2d";
    /// <inheritdoc />
    public string Description => "-Δu = 2π² sin(πx)sin(πy) on [0,1]², u = 0 on ∂Ω; exact sin(πx)sin(πy)";
    /// <inheritdoc />
    public int[] DefaultHidden => [64, 64];

    /// <summary>The exact solution.</summary>
    public static Tensor Exact(Tensor x) => (Math.PI * x[.., 0]).sin() * (Math.PI * x[.., 1]).sin();

    /// <inheritdoc />
    public Problem Create(ProblemSize size) =>
        Problem.On(Domain.Box((0, 1), (0, 1)))
            .Interior(Sample.Grid(size.InteriorPoints ?? 900), (u, x) => -u.Laplacian() - 2 * Math.PI * Math.PI * Exact(x))
            .Dirichlet(Sample.Grid(size.BoundaryPoints ?? 120), Exact)
            .WithSolution(Exact)
            .Named(Name);
}
