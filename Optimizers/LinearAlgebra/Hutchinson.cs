using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Hutchinson's estimate of the diagonal of a symmetric operator H: diag(H) ≈ mean over probes z of
/// z ⊙ (H z), with probes drawn reproducibly from (seed, counter, sample).
/// </summary>
/// <remarks>
/// M. F. Hutchinson, "A stochastic estimator of the trace of the influence matrix for Laplacian smoothing
/// splines", Comm. Statist. Simulation Comput. 18 (1989); C. Bekas, E. Kokiopoulou and Y. Saad, "An estimator
/// for the diagonal of a matrix", Appl. Numer. Math. 57 (2007): E[z ⊙ Hz] = diag(H) when E[zzᵀ] = I.
/// Rademacher probes (zᵢ = ±1, the choice of AdaHessian, Yao et al. 2021, eq. (8)) give the smallest
/// variance, Σ_{j≠i} Hᵢⱼ²; Gaussian probes (the choice of Sophia-H, Liu et al. 2023, §2.3) add 2Hᵢᵢ².
/// Each probe comes from its own CPU generator seeded by a SplitMix64 hash of (seed, counter, sample), so an
/// optimizer that passes its step counter needs no other random state to resume bit for bit.
/// </remarks>
public static class Hutchinson
{
    /// <summary>The estimate of diag(H), a fresh [P] tensor on <paramref name="device"/> (CPU when null).</summary>
    /// <param name="hessian">H, square [P, P], symmetric.</param>
    /// <param name="seed">The optimizer's seed.</param>
    /// <param name="counter">The step counter (or any number that differs between draws).</param>
    /// <param name="samples">Probes averaged (≥ 1); they are applied as one [P, samples] block.</param>
    /// <param name="gaussian">Standard normal probes instead of Rademacher ones.</param>
    /// <param name="device">Device of the probes (that of θ).</param>
    public static Tensor Diagonal(ILinearOperator hessian, long seed, long counter, int samples = 1, bool gaussian = false, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(hessian);
        Check.Positive(samples, nameof(samples));
        if (hessian.Rows != hessian.Columns)
        {
            throw new ArgumentException($"a diagonal estimate needs a square operator; got [{hessian.Rows}, {hessian.Columns}].", nameof(hessian));
        }
        using var scope = torch.NewDisposeScope();
        var probes = torch.stack(Enumerable.Range(0, samples).Select(s => Probe(hessian.Rows, seed, counter, s, gaussian)).ToArray(), 1);
        if (device is not null)
        {
            probes = probes.to(device);
        }
        var products = hessian.Apply(probes);
        return products.mul_(probes).mean([1]).MoveToOuterDisposeScope();
    }

    /// <summary>One probe [size]: ±1 with equal probability, or standard normal.</summary>
    public static Tensor Probe(long size, long seed, long counter, int sample, bool gaussian)
    {
        using var generator = new Generator(Mix(Mix(Mix((ulong)seed) ^ (ulong)counter) ^ (ulong)sample));
        if (gaussian)
        {
            return torch.randn(size, dtype: ScalarType.Float64, generator: generator);
        }
        using var scope = torch.NewDisposeScope();
        var bits = torch.randint(0, 2, [size], dtype: ScalarType.Float64, generator: generator);
        return bits.mul_(2).sub_(1).MoveToOuterDisposeScope();
    }

    /// <summary>SplitMix64's finaliser: distinct inputs give well-spread generator seeds.</summary>
    private static ulong Mix(ulong value)
    {
        unchecked
        {
            value += 0x9E3779B97F4A7C15UL;
            value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
            value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
            return value ^ (value >> 31);
        }
    }
}
