using Pinn.Optimizers;
using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>
/// One term's pool of candidate points and the batch currently drawn from it (indices into the pool), with the rules
/// of <see cref="AdaptiveSampling"/>: the density from the residual magnitudes at the candidates, weighted draws
/// without replacement, RAR-D's growth by added points and the optional batch growth. Owns the candidates tensor.
/// </summary>
public sealed class PointPool : IDisposable
{
    private readonly int _seed;
    private readonly int _term;
    private int[] _batch;

    /// <summary>A pool for a term drawn from <paramref name="region"/>, its first batch the first <paramref name="batch"/> candidates.</summary>
    /// <param name="settings">The sampling settings.</param>
    /// <param name="region">Where the candidates lie.</param>
    /// <param name="batch">The batch size (the term's point count).</param>
    /// <param name="seed">The run's seed (uniform pools, draws).</param>
    /// <param name="term">The term's index (mixed into the seeds).</param>
    public PointPool(AdaptiveSampling settings, IRegion region, int batch, int seed, int term)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(region);
        Settings = settings.Validate();
        if (batch < 1 || batch > settings.Pool)
            throw new ArgumentException($"--adaptive: the pool of {settings.Pool} candidates must hold at least the batch of {batch} points (raise pool=)");
        _seed = seed;
        _term = term;
        Candidates = region.Draw(new Sample(settings.PoolSampling, settings.Pool), new Random(Mix(seed, term, -1))).DetachFromDisposeScope();
        _batch = Enumerable.Range(0, batch).ToArray();
        Density = settings.Method == AdaptiveMethod.Vrba ? new AttentionWeights(settings.Pool, 1.0) : null;
        Limit = settings.MaxPoints > 0 ? Math.Min(settings.MaxPoints, settings.Pool) : Math.Max(batch, settings.Pool / 4);
    }

    /// <summary>The settings.</summary>
    public AdaptiveSampling Settings { get; }

    /// <summary>The candidates [pool, d] (owned).</summary>
    public Tensor Candidates { get; }

    /// <summary>Number of candidates.</summary>
    public int Count => (int)Candidates.shape[0];

    /// <summary>The batch: indices into the candidates.</summary>
    public IReadOnlyList<int> Batch => _batch;

    /// <summary>Draws so far.</summary>
    public long Draws { get; private set; }

    /// <summary>The largest batch growth may reach.</summary>
    public int Limit { get; }

    /// <summary>vRBA sampling's multipliers on the candidates (null for RAD and RAR-D).</summary>
    public AttentionWeights? Density { get; }

    /// <summary>The batch's points [N, d] (fresh).</summary>
    public Tensor BatchPoints()
    {
        using var scope = NewDisposeScope();
        using var index = tensor(_batch.Select(i => (long)i).ToArray(), dtype: ScalarType.Int64).to(Candidates.device);
        return Candidates.index_select(0, index).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The next batch from the residual magnitudes |r| at every candidate (at the current θ): its size (grown when the
    /// pool's mean r² exceeds gap × the current batch's), then RAD/vRBA redraw it, RAR-D adds points to it.
    /// Returns the pool's and the old batch's mean r².
    /// </summary>
    public (double PoolMeanSquare, double BatchMeanSquare) Draw(IReadOnlyList<double> magnitudes)
    {
        ArgumentNullException.ThrowIfNull(magnitudes);
        if (magnitudes.Count != Count) throw new ArgumentException($"adaptive draw: {magnitudes.Count} residuals for {Count} candidates");
        double poolMean = MeanSquare(magnitudes, null), batchMean = MeanSquare(magnitudes, _batch);
        int size = _batch.Length;
        if (Settings.Growth > 1 && poolMean > Settings.Gap * batchMean)
            size = (int)Math.Min(Limit, Math.Ceiling(size * Settings.Growth));
        if (Settings.Method == AdaptiveMethod.RarD) size = Math.Min(Count, Math.Max(size, _batch.Length + AddCount()));
        var density = Settings.Method == AdaptiveMethod.Vrba ? DensityFromAttention(magnitudes) : Normalised(magnitudes);
        var random = new Random(Mix(_seed, _term, Draws));
        _batch = Settings.Method == AdaptiveMethod.RarD
            ? [.. _batch, .. WeightedDraw(density, size - _batch.Length, random, exclude: _batch)]
            : WeightedDraw(density, size, random, exclude: null);
        Draws++;
        return (poolMean, batchMean);
    }

    private int AddCount() => Settings.Add > 0 ? Settings.Add : Math.Max(1, _batch.Length / 10);

    private double[] DensityFromAttention(IReadOnlyList<double> magnitudes)
    {
        Density!.Update(new ResidualAttention(AttentionVariant.Vrba, Settings.Decay, Settings.Rate, Initial: 1.0), magnitudes);
        return Normalised(Density.Values);
    }

    /// <summary>pᵢ = vᵢᵏ/mean vᵏ + c (uniform 1 + c when every v is zero; a non-finite v counts as the largest).</summary>
    private double[] Normalised(IReadOnlyList<double> values)
    {
        double max = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        var powered = values.Select(v => Math.Pow(double.IsFinite(v) ? Math.Abs(v) : max, Settings.Exponent)).ToArray();
        double mean = powered.Average();
        return powered.Select(p => (mean > 0 && double.IsFinite(mean) ? p / mean : 1) + Settings.Offset).ToArray();
    }

    /// <summary>
    /// <paramref name="count"/> distinct indices drawn with probabilities ∝ <paramref name="weights"/> without replacement:
    /// the largest keys ln(u)/w (Efraimidis &amp; Spirakis 2006), ties and zero weights after, in index order.
    /// </summary>
    internal static int[] WeightedDraw(IReadOnlyList<double> weights, int count, Random random, IReadOnlyList<int>? exclude)
    {
        var excluded = exclude is null ? null : new HashSet<int>(exclude);
        var keys = new double[weights.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            double u = 1 - random.NextDouble();   // (0, 1], drawn for every candidate so the stream does not depend on the weights
            keys[i] = excluded?.Contains(i) == true ? double.NaN : weights[i] > 0 ? Math.Log(u) / weights[i] : double.NegativeInfinity;
        }
        return Enumerable.Range(0, keys.Length).Where(i => !double.IsNaN(keys[i]))
            .OrderByDescending(i => keys[i]).ThenBy(i => i).Take(count).ToArray();
    }

    private static double MeanSquare(IReadOnlyList<double> magnitudes, IReadOnlyList<int>? indices)
    {
        int n = indices?.Count ?? magnitudes.Count;
        double sum = 0;
        for (int j = 0; j < n; j++)
        {
            double m = magnitudes[indices is null ? j : indices[j]];
            sum += m * m;
        }
        return sum / n;
    }

    private static int Mix(int seed, int term, long draw) => unchecked((int)(((seed * 1_000_003L + term) * 7_919L + draw) * 2_654_435_761L >> 16));

    /// <summary>Saves the batch, the draw count and vRBA's multipliers under <paramref name="prefix"/>.</summary>
    public void Save(OptimizerState state, string prefix)
    {
        state.Set($"{prefix}batch", new StateArray([_batch.Length], _batch.Select(i => (double)i).ToArray()));
        state.Set($"{prefix}draws", Draws);
        if (Density is not null)
        {
            state.Set($"{prefix}density", new StateArray([Count], Density.Values.ToArray()));
            state.Set($"{prefix}density_updates", Density.Updates);
        }
    }

    /// <summary>Restores what <see cref="Save"/> wrote.</summary>
    public void Load(OptimizerState state, string prefix)
    {
        var batch = Saved(state, $"{prefix}batch");
        if (batch.Length < 1 || batch.Length > Count || batch.Any(v => v < 0 || v >= Count || v != Math.Floor(v)))
            throw new InvalidDataException($"adaptive sampling state '{prefix}batch' is not a set of indices into a pool of {Count}");
        _batch = batch.Select(v => (int)v).ToArray();
        Draws = state.Integer($"{prefix}draws");
        if (Density is not null) Density.Load(Saved(state, $"{prefix}density"), state.Integer($"{prefix}density_updates"));
    }

    /// <summary>A saved array's values; a missing entry is an <see cref="InvalidDataException"/>.</summary>
    internal static double[] Saved(OptimizerState state, string key) =>
        state.Entries.TryGetValue(key, out var a) ? a.Values
            : throw new InvalidDataException($"the checkpoint's sampling state has no entry '{key}'; resume with the same --adaptive and --rba options");

    /// <inheritdoc />
    public void Dispose() => Candidates.Dispose();
}
