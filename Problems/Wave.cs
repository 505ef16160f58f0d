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
/// <para>
/// Hard form (<see cref="ProblemOptions.Hard"/>): u = sin πx + ½ sin βπx + x(1 − x) s(t)·N with s(t) = t²/(t² + τ²),
/// τ = <see cref="HardTimeScale"/>. The initial value, the initial velocity (s and s′ vanish at t = 0) and both
/// ends hold exactly, and only the PDE term remains. The plain factor t² would make the network's target
/// N* = (u* − A)/(x(1 − x)t²) ≈ 2u*ₓₓ/(x(1 − x)) for small t, of size 10³ (the β = 5 mode); s saturates after
/// t ≈ τ and keeps N* of order one. Measured with Levenberg–Marquardt (300 steps, 2-20-20-20-1, 4 096 Halton
/// points): rel. L2 1.4e-2 with s, 0.51 with t².
/// </para>
/// </remarks>
public sealed class Wave : IBenchmarkProblem
{
    /// <summary>The frequency multiplier β of the second mode.</summary>
    public const double Beta = 5;

    /// <summary>τ of the hard form's time factor t²/(t² + τ²): half the period 1/β of the fast mode.</summary>
    public const double HardTimeScale = 0.1;

    /// <inheritdoc />
    public string Name => "wave";
    /// <inheritdoc />
    public string Description => "u_tt = 4u_xx, x,t ∈ [0,1], u(x,0) = sin πx + ½sin 5πx, u_t(x,0) = 0, u(0,t) = u(1,t) = 0; 45×45 grid + 100 initial + 100 ends";
    /// <inheritdoc />
    public int[] DefaultHidden => [50, 50, 50];
    /// <inheritdoc />
    public Recipe Recipe => new("lm:1500") { Hard = true, Sampling = "halton", Points = 4096, Hidden = [20, 20, 20], Budget = 600 };
    /// <inheritdoc />
    public string? HardForm => "u = sin πx + ½sin 5πx + x(1-x)·t²/(t²+0.01)·N (initial value, velocity and ends exact)";

    /// <summary>The exact solution at (x, t).</summary>
    public static Tensor Exact(Tensor p)
    {
        Tensor x = p[.., 0], t = p[.., 1];
        return (Math.PI * x).sin() * (2 * Math.PI * t).cos() + 0.5 * (Beta * Math.PI * x).sin() * (2 * Beta * Math.PI * t).cos();
    }

    /// <summary>The initial profile u(x, 0) = sin πx + ½ sin βπx at (x, t) (t is ignored).</summary>
    public static Tensor Initial(Tensor p) => (Math.PI * p[.., 0]).sin() + 0.5 * (Beta * Math.PI * p[.., 0]).sin();

    /// <inheritdoc />
    public Problem Create(ProblemOptions size)
    {
        size.CheckForms(this);
        var split = ConditionSplit.Of(size.BoundaryPoints ?? 200);
        var problem = Problem.On(Domain.SpaceTime(Domain.Box((0, 1)), (0, 1)))
            .Interior(Sample.Grid(size.InteriorPoints ?? 2025), (u, x) => u.D2(1) - 4 * u.D2(0));
        problem = size.Hard
            ? problem.WithTransform(Initial, p => p[.., 0] * (1 - p[.., 0]) * p[.., 1].square() / (p[.., 1].square() + HardTimeScale * HardTimeScale))
            : problem.Initial(Sample.Grid(split.Initial), Exact)
                .InitialCondition(Sample.Grid(split.Initial), (u, x) => u.Dt(), "initial_velocity")
                .Dirichlet(Sample.Grid(split.Ends), Exact);
        return problem.WithSolution(Exact).Named(Name);
    }
}
