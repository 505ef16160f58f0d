using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Problems;

/// <summary>
/// The wave problem of Wang, Yu, Perdikaris (2022) as used by Rathore et al. (2024):
/// u_tt = 4 u_xx on x ∈ [0, 1], t ∈ [0, 1]; u(x, 0) = sin πx + ½ sin βπx, u_t(x, 0) = 0;
/// u(0, t) = u(1, t) = 0; β = 5; u* = sin πx cos 2πt + ½ sin βπx cos 2βπt.
/// </summary>
/// <remarks>
/// Sized for a 2-core CPU (Rathore et al.: 10 000 residual points, 257 initial, 101 per side):
/// 2 025 interior points (45 × 45), 200 condition points: 100 on the initial slice (used by both the
/// value and the velocity terms) and 100 on the two ends; network 2-50-50-50-1.
/// </remarks>
public sealed class Wave : IBenchmarkProblem
{
    /// <summary>The frequency multiplier β of the second mode.</summary>
    public const double Beta = 5;

    /// <inheritdoc />
    public string Name => "wave";
    /// <inheritdoc />
    public string Description => "u_tt = 4u_xx, x,t ∈ [0,1], u(x,0) = sin πx + ½sin 5πx, u_t(x,0) = 0, u(0,t) = u(1,t) = 0; 45×45 grid + 100 initial + 100 ends";
    /// <inheritdoc />
    public int[] DefaultHidden => [50, 50, 50];

    /// <summary>The exact solution at (x, t).</summary>
    public static Tensor Exact(Tensor p)
    {
        Tensor x = p[.., 0], t = p[.., 1];
        return (Math.PI * x).sin() * (2 * Math.PI * t).cos() + 0.5 * (Beta * Math.PI * x).sin() * (2 * Beta * Math.PI * t).cos();
    }

    /// <inheritdoc />
    public Problem Create(ProblemSize size)
    {
        var split = ConditionSplit.Of(size.BoundaryPoints ?? 200);
        return Problem.On(Domain.SpaceTime(Domain.Box((0, 1)), (0, 1)))
            .Interior(Sample.Grid(size.InteriorPoints ?? 2025), (u, x) => u.D2(1) - 4 * u.D2(0))
            .Initial(Sample.Grid(split.Initial), Exact)
            .InitialCondition(Sample.Grid(split.Initial), (u, x) => u.Dt(), "initial_velocity")
            .Dirichlet(Sample.Grid(split.Ends), Exact)
            .WithSolution(Exact)
            .Named(Name);
    }
}
