using Pinn.Optimizers;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>
/// Residual-based attention (<see cref="ResidualAttention"/>) and adaptive sampling from a pool
/// (<see cref="AdaptiveSampling"/>) of the PDE residual terms: the multipliers every evaluation path applies to the
/// rows, the draws of new batches, and their state for checkpoints.
/// </summary>
public sealed partial class PinnObjective
{
    private const int PoolChunk = 8192;
    private ResidualAttention? _attentionSettings;
    private AttentionWeights?[] _attention = [];
    private PointPool?[] _pools = [];
    private Tensor?[] _attentionScales = [];
    private bool _attentionActive = true;
    private long _adaptiveChanges;
    private BestIterate? _best;

    private void CreateAdaptive(ResidualAttention? attention, AdaptiveSampling? sampling)
    {
        _attentionSettings = attention;
        _attention = new AttentionWeights?[_terms.Count];
        _pools = new PointPool?[_terms.Count];
        _attentionScales = new Tensor?[_terms.Count];
        if (attention is null && sampling is null) return;
        _best = sampling?.KeepBest == true ? new BestIterate() : null;
        var adapted = Enumerable.Range(0, _terms.Count).Where(i => _terms[i].Term.Pointwise && ReferenceEquals(_terms[i].Term.Region, Problem.Domain.Interior)).ToArray();
        if (adapted.Length == 0)
            throw new ArgumentException($"{(sampling is null ? "--rba" : "--adaptive")}: '{Problem.Name}' has no pointwise term on the domain's interior");
        foreach (int i in adapted)
        {
            if (sampling is not null)
            {
                _pools[i] = new PointPool(sampling, _terms[i].Term.Region, (int)_terms[i].Points.shape[0], _seed, i);
                _terms[i].UsePoints(_pools[i]!.BatchPoints());
                _causal[i]?.Assign(_terms[i].Points);
            }
            if (attention is not null)
                _attention[i] = new AttentionWeights(_pools[i]?.Count ?? (int)_terms[i].Points.shape[0], attention.Initial);
        }
        for (int i = 0; i < _terms.Count; i++) RebuildAttentionScales(i);
    }

    /// <summary>Whether batches are drawn from pools.</summary>
    public bool IsAdaptive => _pools.Any(p => p is not null);

    /// <summary>
    /// The global step before which the batches were last drawn (−1 before any draw); set by the trainer's schedule,
    /// saved in checkpoints, so that a stop soon after a draw is recognised after a resume too.
    /// </summary>
    public long LastDrawStep { get; internal set; } = -1;

    /// <summary>Whether the rows carry attention multipliers.</summary>
    public bool HasAttention => _attentionSettings is not null;

    /// <summary>The best iterate by pool residual so far (<see cref="AdaptiveSampling.KeepBest"/>), or null when not kept.</summary>
    public BestIterate? Best => _best;

    /// <summary>The pooled terms' mean r² over their whole pools at <paramref name="theta"/>, summed (the score of <see cref="BestIterate"/>).</summary>
    public double PoolScore(Tensor theta)
    {
        double score = 0;
        for (int i = 0; i < _terms.Count; i++)
            if (_pools[i] is not null) score += PoolMagnitudes(theta, i).Sum(m => m * m) / _pools[i]!.Count;
        return score;
    }

    /// <summary>The pool of term <paramref name="index"/>, or null.</summary>
    public PointPool? PoolOf(int index) => _pools[index];

    /// <summary>The attention multipliers of term <paramref name="index"/> over its candidates, or null.</summary>
    public AttentionWeights? AttentionOf(int index) => _attention[index];

    /// <summary>Turns the multipliers on or off (phases outside <see cref="ResidualAttention.FirstPhase"/>..LastPhase are unweighted).</summary>
    public void SetAttentionActive(bool active)
    {
        if (!HasAttention || active == _attentionActive) return;
        _attentionActive = active;
        Changed();
    }

    /// <summary>One attention update from the residuals at <paramref name="theta"/> (a no-op without attention or while off).</summary>
    public void UpdateAttention(Tensor theta)
    {
        if (_attentionSettings is not { } settings || !_attentionActive) return;
        for (int i = 0; i < _terms.Count; i++)
        {
            if (_attention[i] is not { } weights) continue;
            weights.Update(settings, Magnitudes(theta, _terms[i]), _pools[i]?.Batch);
            RebuildAttentionScales(i);
        }
        Changed();
    }

    /// <summary>
    /// Draws every pooled term's next batch from the residuals at <paramref name="theta"/> on its whole pool; returns the
    /// batch sizes before and after and the pools' and old batches' mean r² (for progress).
    /// </summary>
    public IReadOnlyList<(string Term, int Before, int After, double PoolMeanSquare, double BatchMeanSquare)> Redraw(Tensor theta)
    {
        var report = new List<(string, int, int, double, double)>();
        for (int i = 0; i < _terms.Count; i++)
        {
            if (_pools[i] is not { } pool) continue;
            int before = pool.Batch.Count;
            var (poolMean, batchMean) = pool.Draw(PoolMagnitudes(theta, i));
            using (var points = pool.BatchPoints()) _terms[i].UsePoints(points);
            _causal[i]?.Assign(_terms[i].Points);
            RebuildAttentionScales(i);
            report.Add((_terms[i].Term.Name, before, pool.Batch.Count, poolMean, batchMean));
        }
        _residualCount = null;
        Changed();
        return report;
    }

    /// <summary>|r| of a term at its points, at θ (no gradient), on the host.</summary>
    private double[] Magnitudes(Tensor theta, CollocatedTerm term)
    {
        using var scope = NewDisposeScope();
        using var mode = UsesTaylor(term) ? no_grad() : enable_grad();   // nested autograd needs the graph
        var r = Residual(theta.detach(), term).detach();
        if (r.shape[0] != term.Points.shape[0])
            throw new ArgumentException($"term '{term.Term.Name}': attention and adaptive sampling need one residual row per point ({r.shape[0]} rows for {term.Points.shape[0]} points)");
        return r.abs().cpu().data<double>().ToArray();
    }

    /// <summary>|r| at every candidate of term <paramref name="index"/>'s pool, in chunks.</summary>
    private double[] PoolMagnitudes(Tensor theta, int index)
    {
        var pool = _pools[index]!;
        var result = new double[pool.Count];
        for (int start = 0; start < pool.Count; start += PoolChunk)
        {
            using var scope = NewDisposeScope();
            int length = Math.Min(PoolChunk, pool.Count - start);
            using var chunk = _terms[index].At(pool.Candidates.narrow(0, start, length));
            Array.Copy(Magnitudes(theta, chunk), 0, result, start, length);
        }
        return result;
    }

    private void RebuildAttentionScales(int index)
    {
        _attentionScales[index]?.Dispose();
        _attentionScales[index] = null;
        if (_attention[index] is not { } weights) return;
        var values = _pools[index] is { } pool ? pool.Batch.Select(j => weights.Values[j]).ToArray() : weights.Values.ToArray();
        using var scope = NewDisposeScope();
        // clone: libtorch's own storage, not the GC-pinned array (as CausalWeights does)
        _attentionScales[index] = tensor(values, dtype: ScalarType.Float64).to(_terms[index].Points.device).clone().DetachFromDisposeScope();
    }

    private void Changed()
    {
        _adaptiveChanges++;
        _revision = FunctionRevision();
    }

    /// <summary>The row multipliers of term <paramref name="index"/> in force (causal √w times attention λ), or null for none.</summary>
    private Tensor? RowScalesOf(int index)
    {
        var causal = _causal[index]?.RowScales;
        var attention = _attentionActive ? _attentionScales[index] : null;
        return causal is null ? attention : attention is null ? causal : causal * attention;
    }

    /// <summary>The sampling and attention state (null when neither is on), for checkpoints.</summary>
    public OptimizerState? SaveAdaptiveState()
    {
        if (!IsAdaptive && !HasAttention) return null;
        var state = new OptimizerState("adaptive").Set("changes", _adaptiveChanges).Set("attention_active", _attentionActive ? 1 : 0)
            .Set("last_draw_step", LastDrawStep);
        _best?.Save(state);
        for (int i = 0; i < _terms.Count; i++)
        {
            _pools[i]?.Save(state, $"term{i}.");
            if (_attention[i] is not { } weights) continue;
            state.Set($"term{i}.attention", new StateArray([weights.Values.Count], weights.Values.ToArray()));
            state.Set($"term{i}.attention_updates", weights.Updates);
        }
        return state;
    }

    /// <summary>Restores what <see cref="SaveAdaptiveState"/> wrote (same settings); the batches' points follow.</summary>
    public void LoadAdaptiveState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.ExpectOptimizer("adaptive");
        for (int i = 0; i < _terms.Count; i++)
        {
            if (_pools[i] is { } pool)
            {
                pool.Load(state, $"term{i}.");
                using (var points = pool.BatchPoints()) _terms[i].UsePoints(points);
                _causal[i]?.Assign(_terms[i].Points);
            }
            _attention[i]?.Load(PointPool.Saved(state, $"term{i}.attention"), state.Integer($"term{i}.attention_updates"));
            RebuildAttentionScales(i);
        }
        _attentionActive = state.Flag("attention_active");
        _adaptiveChanges = state.Integer("changes");
        LastDrawStep = state.Has("last_draw_step") ? state.Integer("last_draw_step") : -1;   // absent in older checkpoints
        _best?.Load(state);
        _residualCount = null;
        _revision = FunctionRevision();
    }

    private void DisposeAdaptive()
    {
        foreach (var p in _pools) p?.Dispose();
        foreach (var s in _attentionScales) s?.Dispose();
    }
}
