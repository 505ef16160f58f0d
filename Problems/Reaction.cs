using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Problems;

/// <summary>
/// The reaction problem of Krishnapriyan et al. (2021) and Rathore et al. (2024):
/// u_t = ρ u (1 − u), ρ = 5, on x ∈ [0, 2π], t ∈ [0, 1]; u(x, 0) = h(x) = exp(−(x − π)² / (2(π/4)²));
/// periodic in x; u* = h e^{ρt} / (h e^{ρt} + 1 − h).
/// </summary>
/// <remarks>
/// Sized for a 2-core CPU as <see cref="Convection"/> (Rathore et al. use 10 000 residual points,
/// 257 initial, 101 periodic pairs): 2 025 interior points (45 × 45), 100 initial points, 50 periodic
/// pairs matching u only, network 2-50-50-50-1. h is symmetric about π, so u* is periodic in value
/// (not in slope: h′(0) = −h′(2π)).
/// <para>
/// Hard form (<see cref="ProblemOptions.Hard"/>): u = h(x) + t·N (initial condition exact, its term dropped). Periodic
/// embedding (<see cref="ProblemOptions.PeriodicEmbedding"/>): x enters as (cos x, sin x) and the periodic term is
/// dropped. The embedded network is periodic in every derivative while u* is periodic in value only: u*_x = ∂u*/∂h · h′
/// with h′(0) = −h′(2π) ≈ 1.7e-3, so u*'s slope jump across x = 0 ≡ 2π grows like e^{ρt} to ≈ −0.5 at t = 1.
/// Near the seam the embedded network can only approximate u* (which is small there: u*(0, 1) ≈ 0.047).
/// </para>
/// </remarks>
public sealed class Reaction : IBenchmarkProblem
{
    /// <summary>The growth rate ρ.</summary>
    public const double Rate = 5;

    /// <inheritdoc />
    public string Name => "reaction";
    /// <inheritdoc />
    public string Description => "u_t = 5u(1-u), x ∈ [0,2π], t ∈ [0,1], u(x,0) = exp(-(x-π)²/(2(π/4)²)), periodic; exact logistic; 45×45 grid + 100 initial + 50 periodic pairs";
    /// <inheritdoc />
    public int[] DefaultHidden => [50, 50, 50];
    /// <inheritdoc />
    public Recipe Recipe => new("lm:1000") { Hard = true, Periodic = true, Sampling = "halton", Points = 4096, Hidden = [20, 20, 20], Budget = 600 };
    /// <inheritdoc />
    public string? HardForm => "u = h(x) + t·N (initial condition exact)";
    /// <inheritdoc />
    public int? PeriodicCoordinate => 0;

    /// <summary>The initial profile h(x), a Gaussian of width π/4 centred at π.</summary>
    public static Tensor Initial(Tensor x)
    {
        var w = Math.PI / 4;
        return (-(x - Math.PI).square() / (2 * w * w)).exp();
    }

    /// <summary>The exact solution at (x, t).</summary>
    public static Tensor Exact(Tensor p)
    {
        var h = Initial(p[.., 0]);
        var g = h * (Rate * p[.., 1]).exp();
        return g / (g + 1 - h);
    }

    /// <inheritdoc />
    public Problem Create(ProblemOptions size)
    {
        size.CheckForms(this);
        var split = ConditionSplit.Of(size.BoundaryPoints ?? 200);
        var problem = Problem.On(Domain.SpaceTime(Domain.Box((0, 2 * Math.PI)), (0, 1)))
            .Interior(Sample.Grid(size.InteriorPoints ?? 2025), (u, x) => u.Dt() - Rate * u.Value * (1 - u.Value));
        problem = size.Hard ? problem.WithTransform(p => Initial(p[.., 0]), p => p[.., 1])
            : problem.Initial(Sample.Grid(split.Initial), Exact);
        problem = size.PeriodicEmbedding ? problem.WithPeriodicEmbedding(0) : problem.Periodic(0, Sample.Grid(split.Pairs));
        return problem.WithSolution(Exact).Named(Name);
    }
}
