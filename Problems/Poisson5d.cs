using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Problems;

/// <summary>
/// −Δu = π² Σᵢ sin(πxᵢ) on [0,1]⁵, u = u* on the boundary; u* = Σᵢ sin(πxᵢ). Defaults: 3 000 uniform
/// interior and 500 uniform boundary points (Müller &amp; Zeinhofer 2023 resample them every step:
/// <c>--resample-every 1</c>), network 5-64-1.
/// </summary>
public sealed class Poisson5d : IBenchmarkProblem
{
    /// <inheritdoc />
    public string Name => "poisson5d";
    /// <inheritdoc />
    public string Description => "-Δu = π² Σ sin(πxᵢ) on [0,1]⁵, u = u* on ∂Ω; exact Σ sin(πxᵢ)";
    /// <inheritdoc />
    public int[] DefaultHidden => [64];
    /// <inheritdoc />
    public Recipe Recipe => new("lm:5000") { ResampleEvery = 200, Budget = 600 };

    /// <summary>The exact solution.</summary>
    public static Tensor Exact(Tensor x) => (Math.PI * x).sin().sum(1);

    /// <inheritdoc />
    public Problem Create(ProblemOptions size)
    {
        size.CheckForms(this);
        return Problem.On(Domain.Box(Enumerable.Repeat((0.0, 1.0), 5).ToArray()))
            .Interior(Sample.Uniform(size.InteriorPoints ?? 3000), (u, x) => -u.Laplacian(), x => Math.PI * Math.PI * Exact(x))
            .Dirichlet(Sample.Uniform(size.BoundaryPoints ?? 500), Exact)
            .WithSolution(Exact)
            .Named(Name);
    }
}
