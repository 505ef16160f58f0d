using MathNet.Numerics.LinearAlgebra;

namespace Pinn.Problems;

/// <summary>
/// The n-point Gauss–Hermite rule ∫ f(z) e^{−z²} dz ≈ Σᵢ wᵢ f(zᵢ), with the weights kept as logarithms
/// so that the far nodes' tiny weights (down to e^{−2n}) keep full relative accuracy.
/// </summary>
/// <remarks>
/// Nodes: eigenvalues of the symmetric Jacobi matrix of the Hermite recurrence (Golub &amp; Welsch 1969,
/// off-diagonal √(k/2)), each polished by two Newton steps on the orthonormal Hermite polynomial
/// pₙ (pₙ′ = √(2n) pₙ₋₁). Weights: the Christoffel numbers wᵢ = 1 / Σ_{k&lt;n} p_k(zᵢ)², a sum of positive
/// terms (no cancellation), accumulated with rescaling against overflow — unlike the eigenvector form
/// wᵢ = √π v₀ᵢ², whose small weights are accurate only relative to the largest one.
/// </remarks>
public sealed class GaussHermite
{
    /// <summary>Computes the rule with <paramref name="count"/> nodes (1 ≤ count ≤ 1000).</summary>
    public GaussHermite(int count)
    {
        if (count < 1 || count > 1000) throw new ArgumentOutOfRangeException(nameof(count), $"1 to 1000 nodes (got {count})");
        var jacobi = Matrix<double>.Build.Dense(count, count);
        for (int k = 1; k < count; k++) jacobi[k, k - 1] = jacobi[k - 1, k] = Math.Sqrt(k / 2.0);
        var nodes = jacobi.Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).Order().ToArray();
        var logWeights = new double[count];
        for (int i = 0; i < count; i++)
        {
            for (int newton = 0; newton < 2; newton++)
            {
                var (pn, pnm1, _) = Evaluate(nodes[i], count);
                if (pnm1 != 0) nodes[i] -= pn / (Math.Sqrt(2.0 * count) * pnm1);
            }
            logWeights[i] = -Evaluate(nodes[i], count).LogSumOfSquares;
        }
        Nodes = nodes;
        LogWeights = logWeights;
    }

    /// <summary>The nodes zᵢ in increasing order.</summary>
    public IReadOnlyList<double> Nodes { get; }
    /// <summary>ln wᵢ.</summary>
    public IReadOnlyList<double> LogWeights { get; }
    /// <summary>The weights wᵢ (Σ wᵢ = √π).</summary>
    public IEnumerable<double> Weights => LogWeights.Select(Math.Exp);

    /// <summary>pₙ(z), pₙ₋₁(z) (both scaled by the same factor) and ln Σ_{k&lt;n} p_k(z)² (unscaled).</summary>
    private static (double Pn, double Pnm1, double LogSumOfSquares) Evaluate(double z, int n)
    {
        double p = Math.Pow(Math.PI, -0.25), previous = 0, sum = 0, logScale = 0;
        for (int k = 0; k < n; k++)
        {
            sum += p * p;
            double next = z * p * Math.Sqrt(2.0 / (k + 1)) - Math.Sqrt(k / (k + 1.0)) * previous;
            previous = p;
            p = next;
            if (Math.Abs(p) > 1e100)
            {
                p *= 1e-100; previous *= 1e-100; sum *= 1e-200;
                logScale += 200 * Math.Log(10);
            }
        }
        return (p, previous, Math.Log(sum) + logScale);
    }
}
