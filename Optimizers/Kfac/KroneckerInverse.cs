using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Solves Σₜ (Bₜ + λI) X (Aₜ + λI) = G for one layer's [out, in + 1] matrix X, with one or two Kronecker
/// products (the damped K-FAC block (Bₜ + λI) ⊗ (Aₜ + λI) summed over terms), and merges more terms
/// into two.
/// </summary>
/// <remarks>
/// One product: X = (B + λI)⁻¹ G (A + λI)⁻¹, by eigendecompositions of both factors. Two products: the
/// exact inverse of the Kronecker sum (F. Dangel, J. Müller, M. Zeinhofer, "Kronecker-factored approximate
/// curvature for physics-informed neural networks", NeurIPS 2024, §3, and their reference code's
/// "invert kronecker sum"): with P and Q from the generalised eigenproblems PᵀA₂P = I, PᵀA₁P = diag(α)
/// and QᵀB₂Q = I, QᵀB₁Q = diag(β) (damped factors), X = Q [(QᵀGP) ⊘ (βαᵀ + 1)] Pᵀ. Damping is split
/// onto the factors the same way ("same" heuristic of the reference: λ on every factor). Eigenvalues
/// of the PSD factors are clamped at zero, so with λ &gt; 0 every denominator is positive.
/// <para>
/// Merging: terms with the same <see cref="KroneckerTerm.Group"/> become one term over the union of their
/// vectors, A = Σ cₜAₜ / Σ cₜ (cₜ = <see cref="KroneckerTerm.Count"/>), B = Σ Bₜ, which is what K-FAC
/// computes for one term whose points are the union. Beyond two groups, every group after the first
/// (in ascending order) is merged into one.
/// </para>
/// </remarks>
public static class KroneckerInverse
{
    /// <summary>Merges <paramref name="terms"/> into at most two (A, B) pairs (see remarks); fresh tensors.</summary>
    public static IReadOnlyList<(Tensor Input, Tensor Output)> Merge(IReadOnlyList<KroneckerTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0) throw new ArgumentException("a layer needs at least one term's factors.", nameof(terms));
        using var scope = torch.NewDisposeScope();
        var groups = terms.Select(t => t.Group).Distinct().Order().ToArray();
        var buckets = new List<KroneckerTerm[]>();
        buckets.Add(terms.Where(t => t.Group == groups[0]).ToArray());
        if (groups.Length > 1) buckets.Add(terms.Where(t => t.Group != groups[0]).ToArray());
        var merged = new List<(Tensor, Tensor)>(2);
        foreach (var bucket in buckets)
        {
            double count = bucket.Sum(t => t.Count);
            var input = bucket.Length == 1 ? bucket[0].Input.clone()
                : bucket.Select(t => t.Input * (t.Count / count)).Aggregate((a, b) => a + b);
            var output = bucket.Length == 1 ? bucket[0].Output.clone()
                : bucket.Select(t => t.Output).Aggregate((a, b) => a + b);
            merged.Add((input.MoveToOuterDisposeScope(), output.MoveToOuterDisposeScope()));
        }
        return merged;
    }

    /// <summary>X with Σₜ (Bₜ + λI) X (Aₜ + λI) = <paramref name="gradient"/>, for one or two pairs (A [in+1]², B [out]²).</summary>
    public static Tensor Solve(IReadOnlyList<(Tensor Input, Tensor Output)> pairs, Tensor gradient, double damping)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(gradient);
        Check.NonNegative(damping, nameof(damping));
        if (pairs.Count is < 1 or > 2) throw new ArgumentException($"one or two Kronecker products can be inverted; got {pairs.Count}.", nameof(pairs));
        if (gradient.dim() != 2 || gradient.dtype != ScalarType.Float64) throw new ArgumentException("the gradient block must be a float64 matrix [out, in + 1].", nameof(gradient));
        foreach (var (a, b) in pairs)
        {
            CheckSquare(a, gradient.shape[1], "input factor");
            CheckSquare(b, gradient.shape[0], "output factor");
        }
        using var scope = torch.NewDisposeScope();
        if (pairs.Count == 1)
        {
            var (aValues, aVectors) = Eigen(pairs[0].Input, damping);
            var (bValues, bVectors) = Eigen(pairs[0].Output, damping);
            var core = bVectors.t().matmul(gradient).matmul(aVectors) / bValues.outer(aValues);
            return bVectors.matmul(core).matmul(aVectors.t()).MoveToOuterDisposeScope();
        }
        var (alpha, p) = Generalized(pairs[0].Input, pairs[1].Input, damping);
        var (beta, q) = Generalized(pairs[0].Output, pairs[1].Output, damping);
        var inner = q.t().matmul(gradient).matmul(p) / (beta.outer(alpha) + 1.0);
        return q.matmul(inner).matmul(p.t()).MoveToOuterDisposeScope();
    }

    /// <summary>Eigenvalues (clamped at 0, plus λ) and eigenvectors of a symmetric PSD factor.</summary>
    private static (Tensor Values, Tensor Vectors) Eigen(Tensor factor, double damping)
    {
        var (values, vectors) = torch.linalg.eigh(Symmetric(factor));
        return (values.clamp_min(0).add_(damping), vectors);
    }

    /// <summary>(α, P) with Pᵀ(F₂ + λI)P = I and Pᵀ(F₁ + λI)P = diag(α).</summary>
    private static (Tensor Values, Tensor Basis) Generalized(Tensor first, Tensor second, double damping)
    {
        var (values, vectors) = Eigen(second, damping);
        var whiten = vectors * values.rsqrt();                                  // (F₂ + λI)^(-1/2) up to rotation
        var damped = Symmetric(first) + damping * torch.eye(first.shape[0], dtype: ScalarType.Float64, device: first.device);
        var (alpha, u) = torch.linalg.eigh(Symmetric(whiten.t().matmul(damped).matmul(whiten)));
        return (alpha.clamp_min(0), whiten.matmul(u));
    }

    private static Tensor Symmetric(Tensor m) => (m + m.t()) * 0.5;

    private static void CheckSquare(Tensor factor, long size, string what)
    {
        ArgumentNullException.ThrowIfNull(factor);
        if (factor.dim() != 2 || factor.shape[0] != size || factor.shape[1] != size || factor.dtype != ScalarType.Float64)
        {
            throw new ArgumentException($"the {what} must be a float64 [{size}, {size}] matrix; got {factor.dtype} of shape {ThetaChecks.Shape(factor)}.");
        }
    }
}
