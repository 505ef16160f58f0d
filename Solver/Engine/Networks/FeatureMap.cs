using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Solver.Networks;

/// <summary>
/// The numerics of a problem's <see cref="InputEmbedding"/>s: one fixed map of the normalised inputs
/// φ(x̂) = [x̂_P, cos(x̂ Ωᵀ), sin(x̂ Ωᵀ)] with passed-through coordinates P and a frequency matrix Ω [m, d], and its
/// Taylor-mode jet with respect to the raw inputs x (value, ∂ₖφ, Σₖ cₖ ∂²ₖφ in closed form).
/// </summary>
/// <remarks>
/// A periodic embedding of coordinate k with period L adds the rows 2πj/(L s⁻¹ₖ) e_k, j = 1..H, and removes k
/// from P (x̂ₖ = (xₖ − cₖ) s⁻¹ₖ, so these are cos/sin(2πj (xₖ − cₖ)/L); Dong &amp; Ni 2021); Fourier features add
/// 2π B with B ~ N(0, σ²) and remove every coordinate from P (Tancik et al. 2020). With both, B's entries along a
/// periodic coordinate are rounded to whole multiples of that coordinate's base frequency. With z = x̂ Ωᵀ and
/// Ω' = Ω diag(s⁻¹): ∂ₖ cos z = −sin z Ω'ₖ, ∂ₖ sin z = cos z Ω'ₖ, S_c cos z = −cos z Σₖ cₖ Ω'²ₖ and
/// S_c sin z = −sin z Σₖ cₖ Ω'²ₖ; a passed-through x̂ⱼ has ∂ₖ = δⱼₖ s⁻¹ₖ and S_c = 0.
/// </remarks>
public sealed class FeatureMap : IDisposable
{
    private readonly Tensor _passthrough;   // int64 [P]

    /// <summary>The input dimension d.</summary>
    public int Inputs { get; }
    /// <summary>The embedded width e = |P| + 2m (the first layer's inputs).</summary>
    public int Width => PassthroughCount + 2 * FrequencyCount;
    /// <summary>|P|.</summary>
    public int PassthroughCount { get; }
    /// <summary>P: the coordinates passed through unchanged, in order (the first entries of φ).</summary>
    public IReadOnlyList<long> Passthrough { get; }
    /// <summary>m.</summary>
    public int FrequencyCount { get; }
    /// <summary>Ω [m, d] in the normalised coordinates (owned; overwritten when a stored network is rebuilt).</summary>
    public Tensor Frequencies { get; }
    /// <summary>The embeddings this map realises.</summary>
    public IReadOnlyList<InputEmbedding> Embeddings { get; }

    private FeatureMap(IReadOnlyList<InputEmbedding> embeddings, int inputs, long[] passthrough, Tensor frequencies)
    {
        Embeddings = embeddings;
        Inputs = inputs;
        PassthroughCount = passthrough.Length;
        Passthrough = passthrough;
        FrequencyCount = (int)frequencies.shape[0];
        _passthrough = tensor(passthrough, dtype: ScalarType.Int64).DetachFromDisposeScope();
        Frequencies = frequencies.DetachFromDisposeScope();
    }

    /// <summary>The map of <paramref name="embeddings"/> for inputs scaled by <paramref name="inverseScale"/> (s⁻¹), or null for none.</summary>
    public static FeatureMap? Create(IReadOnlyList<InputEmbedding> embeddings, IReadOnlyList<double> inverseScale)
    {
        if (embeddings.Count == 0) return null;
        int d = inverseScale.Count;
        foreach (var e in embeddings) e.Validate(d);
        using var scope = NewDisposeScope();
        var periodic = embeddings.OfType<PeriodicEmbedding>().ToArray();
        var fourier = embeddings.OfType<FourierFeatures>().ToArray();
        if (fourier.Length > 1 || periodic.Select(p => p.Coordinate).Distinct().Count() != periodic.Length)
            throw new ArgumentException("at most one periodic embedding per coordinate and one set of Fourier features");
        // Base frequency of a periodic coordinate in x̂: one period L spans L s⁻¹ₖ there.
        var baseFrequency = new double[d];
        foreach (var p in periodic) baseFrequency[p.Coordinate] = 2 * Math.PI / (p.Period * inverseScale[p.Coordinate]);
        var rows = new List<double[]>();
        foreach (var p in periodic)
        {
            for (int j = 1; j <= p.Harmonics; j++)
            {
                var row = new double[d];
                row[p.Coordinate] = j * baseFrequency[p.Coordinate];
                rows.Add(row);
            }
        }
        var omega = rows.Count == 0 ? zeros(0, d, dtype: ScalarType.Float64)
            : tensor(rows.SelectMany(r => r).ToArray(), dtype: ScalarType.Float64).view(rows.Count, d);
        if (fourier.Length == 1)
        {
            var f = fourier[0];
            using var generator = new Generator((ulong)f.Seed);
            var b = randn(f.Count, d, dtype: ScalarType.Float64, generator: generator).mul_(2 * Math.PI * f.Scale);
            foreach (var p in periodic)
            {
                double w = baseFrequency[p.Coordinate];
                var column = b.select(1, p.Coordinate);
                column.copy_((column / w).round() * w);
            }
            omega = cat([omega, b], 0);
        }
        var passthrough = fourier.Length == 1 ? []
            : Enumerable.Range(0, d).Where(k => periodic.All(p => p.Coordinate != k)).Select(k => (long)k).ToArray();
        return new FeatureMap(embeddings, d, passthrough, omega.MoveToOuterDisposeScope());
    }

    /// <summary>φ(x̂) for normalised points [N, d]: [N, e].</summary>
    public Tensor Apply(Tensor normalized)
    {
        var z = normalized.matmul(Frequencies.t());
        return PassthroughCount == 0 ? cat([z.cos(), z.sin()], 1)
            : cat([normalized.index_select(1, _passthrough), z.cos(), z.sin()], 1);
    }

    /// <summary>
    /// The jet of φ with respect to the raw inputs at normalised points [N, d]: value [N, e], first derivatives
    /// [d, N, e] (null unless <paramref name="first"/>) and Σₖ cₖ ∂²ₖφ [m', N, e] for each row of
    /// <paramref name="coefficients"/> [m', d] (null when there are none).
    /// </summary>
    public (Tensor Value, Tensor? First, Tensor? Second) Jet(Tensor normalized, Tensor inverseScale, bool first, Tensor? coefficients)
    {
        using var scope = NewDisposeScope();
        long n = normalized.shape[0];
        int d = Inputs, p = PassthroughCount, m = FrequencyCount;
        var z = normalized.matmul(Frequencies.t());                              // [N, m]
        Tensor cos = z.cos(), sin = z.sin();
        var value = p == 0 ? cat([cos, sin], 1) : cat([normalized.index_select(1, _passthrough), cos, sin], 1);
        var scaled = Frequencies * inverseScale;                                 // Ω' [m, d]: ∂z/∂x
        Tensor? gradient = null, second = null;
        if (first)
        {
            var slope = scaled.t().unsqueeze(1);                                 // [d, 1, m]
            var parts = new List<Tensor>(3);
            if (p > 0) parts.Add(diag(inverseScale).index_select(1, _passthrough).unsqueeze(1).expand(d, n, p));
            parts.Add(-sin.unsqueeze(0) * slope);
            parts.Add(cos.unsqueeze(0) * slope);
            gradient = cat(parts.ToArray(), 2);
        }
        if (coefficients is not null && coefficients.shape[0] > 0)
        {
            long rows = coefficients.shape[0];
            var curvature = coefficients.matmul(scaled.square().t()).unsqueeze(1);   // [m', 1, m]: Σₖ cₖ Ω'²ₖ
            var parts = new List<Tensor>(3);
            if (p > 0) parts.Add(zeros(rows, n, p, dtype: ScalarType.Float64));
            parts.Add(-cos.unsqueeze(0) * curvature);
            parts.Add(-sin.unsqueeze(0) * curvature);
            second = cat(parts.ToArray(), 2);
        }
        return (value.MoveToOuterDisposeScope(), gradient?.MoveToOuterDisposeScope(), second?.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _passthrough.Dispose();
        Frequencies.Dispose();
    }
}
