using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>
/// Causal weighting of the interior residual (<see cref="CausalWeights"/>): the weighted rows every evaluation
/// path uses, and the update of the weights between optimizer steps.
/// </summary>
public sealed partial class PinnObjective
{
    private CausalWeights?[] CreateCausal(CausalWeighting? settings)
    {
        var causal = new CausalWeights?[_terms.Count];
        if (settings is null) return causal;
        var domain = Problem.Domain;
        if (domain.Time is not { } time || domain.TimeIndex is not { } timeIndex)
            throw new ArgumentException($"causal weighting needs a time-dependent problem; '{Problem.Name}' has no time coordinate");
        for (int i = 0; i < _terms.Count; i++)
        {
            var term = _terms[i].Term;
            if (term.Pointwise && ReferenceEquals(term.Region, domain.Interior))
                causal[i] = new CausalWeights(settings, time, timeIndex, _terms[i].Points);
        }
        if (causal.All(c => c is null))
            throw new ArgumentException($"causal weighting: '{Problem.Name}' has no pointwise term on the domain's interior");
        return causal;
    }

    /// <summary>Whether causal weighting is on.</summary>
    public bool IsCausal => _causal.Any(c => c is not null);

    /// <summary>The smallest causal weight over the weighted terms (the last chunk's), NaN without causal weighting.</summary>
    public double CausalMinWeight => IsCausal ? _causal.Where(c => c is not null).Min(c => c!.MinWeight) : double.NaN;

    /// <summary>The causal weights of term <paramref name="index"/>, or null when it is not weighted.</summary>
    public CausalWeights? CausalWeightsOf(int index) => _causal[index];

    /// <summary>
    /// Recomputes the causal weights from the residuals at <paramref name="theta"/> (a no-op without causal
    /// weighting); <see cref="Revision"/> changes when a weight does. Returns the smallest weight.
    /// </summary>
    public double UpdateCausalWeights(Tensor theta)
    {
        if (!IsCausal) return double.NaN;
        Network.CheckInputs(theta, _terms[0].Points);
        using var scope = NewDisposeScope();
        bool changed = false;
        for (int i = 0; i < _terms.Count; i++)
        {
            if (_causal[i] is not { } weights) continue;
            using var mode = UsesTaylor(_terms[i]) ? no_grad() : enable_grad();   // nested autograd needs the graph
            changed |= weights.Update(TermResidual(theta.detach(), i));
        }
        if (changed) _revision = FunctionRevision();
        return CausalMinWeight;
    }

    private long FunctionRevision()
    {
        if (!IsCausal && _adaptiveChanges == 0) return PointsRevision;
        ulong hash = (ulong)PointsRevision;
        foreach (var c in _causal) if (c is not null) hash = c.Fingerprint(hash);
        if (_adaptiveChanges != 0) hash = unchecked((hash ^ (ulong)_adaptiveChanges) * 1099511628211UL + 0x9E3779B97F4A7C15UL);
        return (long)(hash & ((1UL << 52) - 1));
    }

    /// <summary>The rows of term <paramref name="index"/> (residuals [N] or Jacobian rows [N, P]) times √(wₜ/Nₜ),
    /// and times the row multipliers in force (causal √wᵢ of each row's chunk, attention λᵢ).</summary>
    private Tensor Scaled(int index, Tensor rows, long count)
    {
        var scaled = rows * Scale(_terms[index], count);
        if (RowScalesOf(index) is not { } scales) return scaled;
        return scaled * (rows.dim() == 1 ? scales : scales.unsqueeze(1));
    }

    /// <summary>The term's loss wₜ · mean(r²), with the row multipliers in force (as a 0-d tensor).</summary>
    private Tensor TermLoss(int index, Tensor r)
    {
        var weighted = RowScalesOf(index) is { } scales ? r * scales : r;
        return weighted.dot(weighted) * (_terms[index].Term.Weight / r.shape[0]);   // one reduction
    }
}
