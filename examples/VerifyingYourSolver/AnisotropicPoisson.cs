using Pinn.Physics;
using Pinn.Verification.Solver;
using static TorchSharp.torch;

namespace VerifyingYourSolver;

/// <summary>
/// A PDE that is not in the catalogue: the 3-D anisotropic Poisson problem
///   −(u_xx + 2u_yy + 3u_zz) = f  in (0, 1)³,   u = g on the boundary,   ∂u/∂z = h on the top face z = 1.
/// <see cref="Create"/> builds it from any data; <see cref="Manufactured"/> builds f, g and h from an exact u*, which is
/// what the manufactured-solution property needs.
/// </summary>
public static class AnisotropicPoisson
{
    /// <summary>The diffusivities of x, y and z.</summary>
    public static readonly double[] Diffusivity = [1, 2, 3];

    /// <summary>The problem with forcing f, boundary values g and top-face flux h (each a function of the points [N, 3]).</summary>
    public static Problem Create(Func<Tensor, Tensor> f, Func<Tensor, Tensor> g, Func<Tensor, Tensor> h, SeededBug bug = SeededBug.None)
    {
        var box = new Box((0, 1), (0, 1), (0, 1));
        return Problem.On(Domain.Box((0, 1), (0, 1), (0, 1)))
            .Interior(Sample.Halton(512), (u, x) => Operator(u, bug), f)
            .Dirichlet(Sample.Halton(256), g)
            .Term("flux", new Face(box, 2, 1.0), Sample.Halton(64), (u, x) => u.D(bug == SeededBug.Flux ? 1 : 2), data: h)
            .Named("anisotropic-poisson3d");
    }

    /// <summary>The problem whose exact solution is <paramref name="exact"/>: f = −(u*_xx + 2u*_yy + 3u*_zz), g = u*, h = ∂u*/∂z.</summary>
    public static Problem Manufactured(SmoothFunction exact, SeededBug bug = SeededBug.None) =>
        Create(x => -exact.Second(x, Diffusivity), exact.Value, x => exact.D(x, 2), bug).WithSolution(exact.Value);

    /// <summary>−(u_xx + 2u_yy + 3u_zz), with the seeded bug if one is switched on.</summary>
    private static Tensor Operator(Field u, SeededBug bug) => bug switch
    {
        SeededBug.Sign => -(u.D2(0) + 2 * u.D2(1) - 3 * u.D2(2)),
        SeededBug.Factor2 => -(u.D2(0) + u.D2(1) + 3 * u.D2(2)),
        _ => -(u.D2(0) + 2 * u.D2(1) + 3 * u.D2(2)),
    };
}
