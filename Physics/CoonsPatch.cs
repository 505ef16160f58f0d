using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// The bilinearly blended (Coons) interpolant of boundary data on a rectangle: a smooth function that equals the data on
/// all four sides and is built from the data's values on the sides only, the offset A of a hard Dirichlet constraint
/// u = A + B·N with non-zero boundary values (<see cref="OutputTransform"/>).
/// </summary>
/// <remarks>
/// With ξ = (x − a)/(b − a) and η = (y − c)/(d − c),
/// A = (1−ξ)g(a, y) + ξg(b, y) + (1−η)g(x, c) + ηg(x, d) − [(1−ξ)(1−η)g(a, c) + ξ(1−η)g(b, c) + (1−ξ)ηg(a, d) + ξηg(b, d)]
/// (S. A. Coons, "Surfaces for computer-aided design of space forms", MIT MAC-TR-41, 1967; W. J. Gordon and C. A. Hall,
/// "Transfinite element methods", Numer. Math. 21, 1973). On x = a the terms in ξ vanish and the η-terms reduce to
/// (1−η)g(a, c) + ηg(a, d), which the corner terms cancel, so A = g(a, y) there; likewise on the other sides, for any g
/// that is continuous at the corners. g is evaluated on the sides only, never inside, so no interior information enters.
/// The points' coordinates flow through autograd, so the engine takes A's derivatives the usual way.
/// </remarks>
public static class CoonsPatch
{
    /// <summary>A at points <paramref name="p"/> [N, 2] for data <paramref name="g"/>: points [M, 2] → [M] or [M, k].</summary>
    public static Tensor Interpolate(Tensor p, (double Lower, double Upper) x, (double Lower, double Upper) y, Func<Tensor, Tensor> g)
    {
        if (p.dim() != 2 || p.shape[1] != 2) throw new ArgumentException($"the Coons patch needs 2-D points [N, 2] (got [{string.Join(", ", p.shape)}])");
        if (!(x.Upper > x.Lower) || !(y.Upper > y.Lower)) throw new ArgumentException("the rectangle's sides must have positive length");
        Tensor px = p[.., 0], py = p[.., 1];
        var xi = Column((px - x.Lower) / (x.Upper - x.Lower));
        var eta = Column((py - y.Lower) / (y.Upper - y.Lower));
        Tensor At(Tensor first, Tensor second) => Column(g(stack([first, second], 1)));
        Tensor Constant(double v) => full_like(px, v);
        var sides = (1 - xi) * At(Constant(x.Lower), py) + xi * At(Constant(x.Upper), py)
                    + (1 - eta) * At(px, Constant(y.Lower)) + eta * At(px, Constant(y.Upper));
        var corners = (1 - xi) * (1 - eta) * At(Constant(x.Lower), Constant(y.Lower)) + xi * (1 - eta) * At(Constant(x.Upper), Constant(y.Lower))
                      + (1 - xi) * eta * At(Constant(x.Lower), Constant(y.Upper)) + xi * eta * At(Constant(x.Upper), Constant(y.Upper));
        var a = sides - corners;
        return a.shape[1] == 1 ? a.squeeze(1) : a;
    }

    private static Tensor Column(Tensor v) => v.dim() == 1 ? v.unsqueeze(1) : v;
}
