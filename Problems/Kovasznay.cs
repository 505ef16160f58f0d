using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Problems;

/// <summary>
/// Kovasznay flow (Kovasznay 1948), steady incompressible Navier–Stokes at Re = 20 on
/// [−0.5, 1] × [−0.5, 1.5]: (u·∇)u + ∇p − Δu / Re = 0, ∇·u = 0; three network outputs (u, v, p).
/// Exact: u = 1 − e^{λx} cos 2πy, v = λ/(2π) e^{λx} sin 2πy, p = ½(1 − e^{2λx}),
/// λ = Re/2 − √(Re²/4 + 4π²).
/// </summary>
/// <remarks>
/// Terms: momentum in x and y and continuity in the interior, Dirichlet on u and v from the exact flow
/// on the boundary. The pressure enters only through ∇p, so it is defined up to a constant: one extra
/// term, <c>pressure</c>, pins p to the exact value at one boundary point (the corner (1, 1.5) with
/// the default grid sampling). With p pinned, the headline errors are over all three outputs (u, v, p
/// stacked); reports also give each output's errors on its own (the literature's figure is on u and v). Defaults sized for a 2-core CPU: 1 600 interior points (40 × 40), 400 boundary points,
/// network 2-50-50-3 (DeepXDE's example uses 2 601 interior and 400 boundary points, 4 × 50).
/// Hard form (<see cref="ProblemOptions.Hard"/>): (u, v) = C + φ·(N_u, N_v) with C the Coons patch of the boundary data
/// (<see cref="CoonsPatch"/>: built from the data on the four sides only) and φ = (x + ½)(1 − x)(y + ½)(3/2 − y), which vanishes
/// on the boundary; p = N_p. The Dirichlet terms on u and v are dropped; the pressure pin stays.
/// </remarks>
public sealed class Kovasznay : IBenchmarkProblem
{
    /// <summary>The Reynolds number.</summary>
    public const double Reynolds = 20;

    /// <summary>λ = Re/2 − √(Re²/4 + 4π²) ≈ −0.9632.</summary>
    public static double Lambda { get; } = Reynolds / 2 - Math.Sqrt(Reynolds * Reynolds / 4 + 4 * Math.PI * Math.PI);

    /// <inheritdoc />
    public string Name => "kovasznay";
    /// <inheritdoc />
    public string Description => "steady Navier-Stokes Re = 20 on [-0.5,1]×[-0.5,1.5], outputs (u,v,p); Dirichlet u,v from the Kovasznay flow, p pinned at one point; 40×40 grid + 400 boundary";
    /// <inheritdoc />
    public int[] DefaultHidden => [50, 50];
    /// <inheritdoc />
    public Recipe Recipe => new("lm:1500") { Hard = true, Sampling = "halton", Points = 2500, Hidden = [30, 30], Budget = 600 };
    /// <inheritdoc />
    public string? HardForm => "(u,v) = Coons patch of the boundary data + (x+½)(1-x)(y+½)(3/2-y)·N, p = N_p (u, v exact on the boundary)";

    private static readonly (double, double) X = (-0.5, 1), Y = (-0.5, 1.5);

    /// <summary>The hard form's offset [N, 3]: the Coons patch of the boundary values of u and v, and 0 for p.</summary>
    public static Tensor BoundaryOffset(Tensor p)
    {
        var velocity = CoonsPatch.Interpolate(p, X, Y, q => Exact(q)[.., ..2]);
        return cat([velocity, zeros(p.shape[0], 1, dtype: ScalarType.Float64)], 1);
    }

    /// <summary>The hard form's factor [N, 3]: φ = (x + ½)(1 − x)(y + ½)(3/2 − y) for u and v (zero on the boundary), 1 for p.</summary>
    public static Tensor BoundaryFactor(Tensor p)
    {
        var phi = ((p[.., 0] - X.Item1) * (X.Item2 - p[.., 0]) * (p[.., 1] - Y.Item1) * (Y.Item2 - p[.., 1])).unsqueeze(1);
        return cat([phi, phi, ones_like(phi)], 1);
    }

    /// <summary>The exact (u, v, p) as [N, 3].</summary>
    public static Tensor Exact(Tensor p)
    {
        Tensor x = p[.., 0], y = p[.., 1];
        var e = (Lambda * x).exp();
        var u = 1 - e * (2 * Math.PI * y).cos();
        var v = Lambda / (2 * Math.PI) * e * (2 * Math.PI * y).sin();
        var pressure = 0.5 * (1 - (2 * Lambda * x).exp());
        return stack([u, v, pressure], 1);
    }

    /// <summary>The residuals (momentum x, momentum y, continuity) of a field with outputs (u, v, p).</summary>
    public static Tensor MomentumX(Field f, Tensor x) =>
        f.Output(0) * f.D(0, 0) + f.Output(1) * f.D(1, 0) + f.D(0, 2) - f.Laplacian(0) / Reynolds;

    /// <summary>The y-momentum residual.</summary>
    public static Tensor MomentumY(Field f, Tensor x) =>
        f.Output(0) * f.D(0, 1) + f.Output(1) * f.D(1, 1) + f.D(1, 2) - f.Laplacian(1) / Reynolds;

    /// <summary>The continuity residual ∇·u.</summary>
    public static Tensor Continuity(Field f, Tensor x) => f.D(0, 0) + f.D(1, 1);

    /// <inheritdoc />
    public Problem Create(ProblemOptions size)
    {
        size.CheckForms(this);
        var interior = Sample.Grid(size.InteriorPoints ?? 1600);
        var boundary = Sample.Grid(size.BoundaryPoints ?? 400);
        var problem = Problem.On(Domain.Box(X, Y), outputs: 3)
            .Interior(interior, MomentumX, name: "momentum_x")
            .Interior(interior, MomentumY, name: "momentum_y")
            .Interior(interior, Continuity, name: "continuity");
        problem = size.Hard
            ? problem.WithTransform(BoundaryOffset, BoundaryFactor)
            : problem.Dirichlet(boundary, p => Exact(p)[.., 0], "boundary_u", output: 0)
                .Dirichlet(boundary, p => Exact(p)[.., 1], "boundary_v", output: 1);
        return problem
            .Dirichlet(Sample.Grid(1), p => Exact(p)[.., 2], "pressure", output: 2)
            .WithSolution(Exact)
            .WithOutputNames("u", "v", "p")
            .Named(Name);
    }
}
