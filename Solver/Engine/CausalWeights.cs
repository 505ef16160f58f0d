using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>
/// The causal weights of one residual term of a time-dependent problem. The time interval [t₀, t₁] is split into
/// M equal chunks; an <see cref="Update"/> at θ takes the chunk losses Lᵢ = mean over chunk i of r(θ)² and sets
/// w₀ = 1, wᵢ = exp(−ε Σ_{k&lt;i} Lₖ), which then stay constants (no gradient flows through them) until the next
/// update. The term's loss becomes (1/N) Σᵢ wᵢ Σ_{n∈i} rₙ², i.e. residual row n is scaled by √w of its chunk.
/// </summary>
/// <remarks>
/// S. Wang, S. Sankaran, P. Perdikaris, "Respecting causality for training physics-informed neural networks",
/// CMAME 421 (2024), arXiv:2203.07404: the loss (1/M) Σᵢ wᵢ Lᵢ with the weights above.
/// The loss here equals Σᵢ (Nᵢ/N) wᵢ Lᵢ, which is the paper's formula when the chunks hold equally many points
/// (their time slices, a grid whose time nodes divide evenly, stratified sampling); with unequal chunks it weights
/// each chunk by its share of the points, the Monte Carlo estimate of (1/T) ∫ w(t) L(t) dt, so that ε = 0 gives
/// exactly the unweighted loss. Chunks without points have Lᵢ = 0. The weights are non-increasing in i, so the
/// last one is the smallest: it reaches 1 when the residual is resolved over the whole interval (the paper stops
/// or raises ε when it exceeds 0.99).
/// </remarks>
public sealed class CausalWeights : IDisposable
{
    private readonly double _start;
    private readonly double _length;
    private readonly int _timeIndex;
    private readonly double[] _weights;
    private readonly double[] _losses;
    private int[] _counts;
    private int[] _chunkOf = [];
    private Tensor? _rowScales;

    /// <summary>Weights for a term whose points are <paramref name="points"/> [N, d]; all weights start at 1.</summary>
    /// <param name="settings">ε, M and the update interval.</param>
    /// <param name="time">The problem's time interval.</param>
    /// <param name="timeIndex">The time coordinate's column in the points.</param>
    /// <param name="points">The term's collocation points.</param>
    public CausalWeights(CausalWeighting settings, (double Start, double End) time, int timeIndex, Tensor points)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!(time.End > time.Start)) throw new ArgumentException($"the time interval needs start < end (got [{time.Start}, {time.End}])");
        Settings = settings;
        _start = time.Start;
        _length = time.End - time.Start;
        _timeIndex = timeIndex;
        _weights = Enumerable.Repeat(1.0, settings.Chunks).ToArray();
        _losses = new double[settings.Chunks];
        _counts = new int[settings.Chunks];
        Assign(points);
    }

    /// <summary>ε, M and the update interval.</summary>
    public CausalWeighting Settings { get; }

    /// <summary>wᵢ per chunk, as of the last update.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>Lᵢ per chunk at the last update (0 before the first).</summary>
    public IReadOnlyList<double> ChunkLosses => _losses;

    /// <summary>Nᵢ, the points in each chunk.</summary>
    public IReadOnlyList<int> ChunkCounts => _counts;

    /// <summary>The smallest weight, the last chunk's.</summary>
    public double MinWeight => _weights[^1];

    /// <summary>√wᵢ of each point's chunk, [N] float64 on the points' device (owned; valid until the next change).</summary>
    public Tensor RowScales => _rowScales!;

    /// <summary>The chunk of time <paramref name="t"/>: ⌊M (t − t₀)/(t₁ − t₀)⌋, clamped to 0..M−1.</summary>
    public static int ChunkOf(double t, double start, double length, int chunks) =>
        (int)Math.Clamp(Math.Floor((t - start) / length * chunks), 0, chunks - 1);

    /// <summary>w₀ = 1, wᵢ = exp(−ε Σ_{k&lt;i} Lₖ), the sum taken in order; ε = 0 gives ones, a NaN weight becomes 0.</summary>
    public static double[] FromLosses(IReadOnlyList<double> chunkLosses, double steepness)
    {
        ArgumentNullException.ThrowIfNull(chunkLosses);
        var weights = new double[chunkLosses.Count];
        double past = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double w = steepness == 0 ? 1.0 : Math.Exp(-steepness * past);
            weights[i] = double.IsNaN(w) ? 0.0 : w;
            past += chunkLosses[i];
        }
        return weights;
    }

    /// <summary>Sorts new points (after a redraw) into chunks; the chunk weights are kept.</summary>
    public void Assign(Tensor points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.dim() != 2 || points.shape[1] <= _timeIndex)
            throw new ArgumentException($"the points must be [N, d] with a time column {_timeIndex} (got [{string.Join(", ", points.shape)}])");
        using var scope = NewDisposeScope();
        var times = points.detach().select(1, _timeIndex).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        _chunkOf = times.Select(t => ChunkOf(t, _start, _length, Settings.Chunks)).ToArray();
        _counts = new int[Settings.Chunks];
        foreach (var c in _chunkOf) _counts[c]++;
        RebuildRowScales(points.device);
    }

    /// <summary>
    /// Recomputes the weights from the term's unscaled residuals <paramref name="residuals"/> [N] at the current θ;
    /// returns whether any weight changed (bit for bit).
    /// </summary>
    public bool Update(Tensor residuals)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        if (residuals.numel() != _chunkOf.Length)
            throw new ArgumentException($"causal weights: {residuals.numel()} residuals for {_chunkOf.Length} points");
        using var scope = NewDisposeScope();
        var r = residuals.detach().reshape(-1).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        var sums = new double[Settings.Chunks];
        for (int n = 0; n < r.Length; n++) sums[_chunkOf[n]] += r[n] * r[n];
        for (int i = 0; i < sums.Length; i++) _losses[i] = _counts[i] == 0 ? 0 : sums[i] / _counts[i];
        var fresh = FromLosses(_losses, Settings.Steepness);
        bool changed = false;
        for (int i = 0; i < fresh.Length; i++)
            changed |= BitConverter.DoubleToInt64Bits(fresh[i]) != BitConverter.DoubleToInt64Bits(_weights[i]);
        if (!changed) return false;
        Array.Copy(fresh, _weights, fresh.Length);
        RebuildRowScales(_rowScales!.device);
        return true;
    }

    /// <summary>A 64-bit FNV-1a hash of the weights' bits, <paramref name="seed"/> mixed in first.</summary>
    public ulong Fingerprint(ulong seed)
    {
        const ulong prime = 1099511628211;
        ulong hash = 14695981039346656037 ^ seed;
        hash *= prime;
        foreach (var w in _weights)
        {
            ulong bits = (ulong)BitConverter.DoubleToInt64Bits(w);
            for (int b = 0; b < 64; b += 8)
            {
                hash ^= (bits >> b) & 0xFF;
                hash *= prime;
            }
        }
        return hash;
    }

    private void RebuildRowScales(Device device)
    {
        var scales = _chunkOf.Select(c => Math.Sqrt(_weights[c])).ToArray();
        using var scope = NewDisposeScope();
        // clone: libtorch's own storage, not the GC-pinned array (alignment-dependent BLAS paths, see OptimizerState.Tensor)
        var fresh = tensor(scales, dtype: ScalarType.Float64).to(device).clone().DetachFromDisposeScope();
        _rowScales?.Dispose();
        _rowScales = fresh;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _rowScales?.Dispose();
        _rowScales = null;
    }
}
