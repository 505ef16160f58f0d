using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// A hard constraint: the solution is u(x) = A(x) + B(x) ⊙ N(x) for the network N, with A satisfying the
/// imposed conditions and B vanishing where they are imposed, so that the conditions hold for every θ and
/// their loss terms can be dropped.
/// </summary>
/// <remarks>
/// I. E. Lagaris, A. Likas, D. I. Fotiadis, "Artificial neural networks for solving ordinary and partial
/// differential equations", IEEE Trans. Neural Netw. 9 (1998) (the trial solution A + F·N); N. Sukumar,
/// A. Srivastava, "Exact imposition of boundary conditions with distance functions in physics-informed deep
/// neural networks", CMAME 389 (2022). A and B depend on the points only; the engine takes their
/// derivatives by autograd once per point set and combines them with the network's by the product rule:
/// ∂ₖu = ∂ₖA + ∂ₖB N + B ∂ₖN, S_c u = S_c A + (S_c B) N + 2 Σₖ cₖ ∂ₖB ∂ₖN + B S_c N with S_c = Σₖ cₖ ∂²ₖ.
/// </remarks>
/// <param name="Offset">A: points [N, d] → [N] (every output) or [N, outputs].</param>
/// <param name="Factor">B: points [N, d] → [N] (every output) or [N, outputs].</param>
public sealed record OutputTransform(Func<Tensor, Tensor> Offset, Func<Tensor, Tensor> Factor)
{
    /// <summary>u = A(x) + B(x) ⊙ N for network outputs <paramref name="network"/> [N, outputs] at points <paramref name="x"/> [N, d].</summary>
    public Tensor Apply(Tensor x, Tensor network)
    {
        long n = network.shape[0];
        int outputs = (int)network.shape[1];
        return Columns(Offset(x), n, outputs, "A") + Columns(Factor(x), n, outputs, "B") * network;
    }

    /// <summary>A function's values as [N, 1] or [N, outputs] after checking shape and dtype.</summary>
    public static Tensor Columns(Tensor values, long count, int outputs, string name)
    {
        if (values.dtype != ScalarType.Float64)
            throw new ArgumentException($"the output transform's {name} must be float64 (got {values.dtype})");
        var v = values.dim() == 1 ? values.unsqueeze(1) : values;
        if (v.dim() != 2 || v.shape[0] != count || (v.shape[1] != 1 && v.shape[1] != outputs))
            throw new ArgumentException($"the output transform's {name} must return [N] or [N, {outputs}] for N = {count} points (got [{string.Join(", ", values.shape)}])");
        return v;
    }
}
