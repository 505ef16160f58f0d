namespace Pinn.Solver.Engine;

/// <summary>
/// Residual-based attention multipliers λ over a set of candidate points (a term's collocation points, or its
/// pool when batches are drawn from one): λᵢ ← min(cap, γ λᵢ + η qᵢ) for the points whose residual magnitudes
/// are given, q from <see cref="Targets"/>. Plain numbers on the host: the update is cheap next to a step, exact
/// to save and restore, and independent of how the run got there.
/// </summary>
/// <remarks>The rule and its sources: <see cref="ResidualAttention"/>.</remarks>
public sealed class AttentionWeights
{
    private readonly double[] _values;

    /// <summary><paramref name="count"/> multipliers, all <paramref name="initial"/>.</summary>
    public AttentionWeights(int count, double initial)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!(initial > 0) || !double.IsFinite(initial)) throw new ArgumentOutOfRangeException(nameof(initial), $"λ₀ must be finite and > 0 (got {initial})");
        _values = Enumerable.Repeat(initial, count).ToArray();
    }

    /// <summary>λ per candidate.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Updates so far (k of the next update is <see cref="Updates"/> + 1).</summary>
    public long Updates { get; private set; }

    /// <summary>
    /// The update targets qᵢ ∈ (0, 1] of residual magnitudes |rᵢ| at update <paramref name="update"/> (1-based):
    /// |r|/max|r| (RBA) or (k + 2)^{|r|/max|r| − 1} (vRBA). All ones when every residual is zero; a non-finite
    /// magnitude counts as the largest (q = 1).
    /// </summary>
    public static double[] Targets(AttentionVariant variant, IReadOnlyList<double> magnitudes, long update)
    {
        ArgumentNullException.ThrowIfNull(magnitudes);
        double max = 0;
        foreach (var m in magnitudes) if (double.IsFinite(m) && Math.Abs(m) > max) max = Math.Abs(m);
        double logBase = Math.Log(update + 2.0);
        var q = new double[magnitudes.Count];
        for (int i = 0; i < q.Length; i++)
        {
            double m = Math.Abs(magnitudes[i]);
            double ratio = max == 0 ? 1 : double.IsFinite(m) ? m / max : 1;
            q[i] = variant == AttentionVariant.Rba ? ratio : Math.Exp(logBase * (ratio - 1));
        }
        return q;
    }

    /// <summary>
    /// One update: candidate <c>indices[j]</c> (or j, when <paramref name="indices"/> is null) moves towards the target
    /// of <c>magnitudes[j]</c>. A candidate listed twice (a batch drawn with replacement) is updated once per listing.
    /// </summary>
    public void Update(ResidualAttention settings, IReadOnlyList<double> magnitudes, IReadOnlyList<int>? indices = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(magnitudes);
        if (indices is null ? magnitudes.Count != _values.Length : indices.Count != magnitudes.Count)
            throw new ArgumentException($"attention update: {magnitudes.Count} residuals for {(indices is null ? _values.Length : indices.Count)} points");
        var q = Targets(settings.Variant, magnitudes, Updates + 1);
        for (int j = 0; j < q.Length; j++)
        {
            int i = indices is null ? j : indices[j];
            _values[i] = Math.Min(settings.Cap, settings.Decay * _values[i] + settings.Rate * q[j]);
        }
        Updates++;
    }

    /// <summary>Restores saved multipliers and the update count.</summary>
    public void Load(IReadOnlyList<double> values, long updates)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != _values.Length) throw new InvalidDataException($"attention state holds {values.Count} multipliers for {_values.Length} points");
        if (updates < 0) throw new InvalidDataException($"attention state has a negative update count {updates}");
        for (int i = 0; i < _values.Length; i++)
            _values[i] = values[i] > 0 && double.IsFinite(values[i]) ? values[i]
                : throw new InvalidDataException($"attention state holds a multiplier {values[i]} that is not finite and > 0");
        Updates = updates;
    }
}
