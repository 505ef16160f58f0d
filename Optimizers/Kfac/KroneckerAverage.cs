using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The moving averages F ← βF + (1 − β)F_new of every layer's merged Kronecker factors (one or two (A, B)
/// pairs per layer), owned by <see cref="Kfac"/>; started from the identity or from the first factors.
/// </summary>
internal sealed class KroneckerAverage : IDisposable
{
    private Tensor[][]? _inputs;    // [layer][group]
    private Tensor[][]? _outputs;

    /// <summary>Whether any factors have been averaged in.</summary>
    public bool IsEmpty => _inputs is null;

    /// <summary>The averaged (A, B) pairs of layer <paramref name="layer"/> (views of the state; do not dispose).</summary>
    public IReadOnlyList<(Tensor Input, Tensor Output)> Pairs(int layer) =>
        _inputs![layer].Zip(_outputs![layer], (a, b) => (a, b)).ToArray();

    /// <summary>Averages in the merged factors [layer][pair]; restarts when the layer or group structure changed.</summary>
    /// <returns>Null, or why the averages restarted.</returns>
    public string? Update(IReadOnlyList<IReadOnlyList<(Tensor Input, Tensor Output)>> merged, double beta, bool fromIdentity)
    {
        string? note = null;
        if (_inputs is not null && !SameShape(merged))
        {
            Reset();
            note = "the loss terms' Kronecker structure changed; factor averages restarted";
        }
        using var _ = torch.no_grad();
        if (_inputs is null)
        {
            _inputs = merged.Select(l => l.Select(p => Start(p.Input, beta, fromIdentity)).ToArray()).ToArray();
            _outputs = merged.Select(l => l.Select(p => Start(p.Output, beta, fromIdentity)).ToArray()).ToArray();
            return note;
        }
        for (var l = 0; l < merged.Count; l++)
        {
            for (var g = 0; g < merged[l].Count; g++)
            {
                _inputs[l][g].mul_(beta).add_(merged[l][g].Input, 1 - beta);
                _outputs![l][g].mul_(beta).add_(merged[l][g].Output, 1 - beta);
            }
        }
        return note;
    }

    /// <summary>Writes the averages as <c>factor.L.G.input</c> / <c>.output</c> and their shape as <c>factor_layers</c>, <c>factor_groups.L</c>.</summary>
    public void Save(OptimizerState state)
    {
        state.Set("factor_layers", _inputs?.Length ?? 0);
        if (_inputs is null) return;
        for (var l = 0; l < _inputs.Length; l++)
        {
            state.Set($"factor_groups.{l}", _inputs[l].Length);
            for (var g = 0; g < _inputs[l].Length; g++)
            {
                state.Set($"factor.{l}.{g}.input", _inputs[l][g]).Set($"factor.{l}.{g}.output", _outputs![l][g]);
            }
        }
    }

    /// <summary>Replaces the averages with the saved ones.</summary>
    public void Load(OptimizerState state)
    {
        Reset();
        var layers = (int)state.Integer("factor_layers");
        if (layers == 0) return;
        var inputs = new Tensor[layers][];
        var outputs = new Tensor[layers][];
        for (var l = 0; l < layers; l++)
        {
            var groups = (int)state.Integer($"factor_groups.{l}");
            inputs[l] = new Tensor[groups];
            outputs[l] = new Tensor[groups];
            for (var g = 0; g < groups; g++)
            {
                inputs[l][g] = state.Tensor($"factor.{l}.{g}.input").DetachFromDisposeScope();
                outputs[l][g] = state.Tensor($"factor.{l}.{g}.output").DetachFromDisposeScope();
            }
        }
        (_inputs, _outputs) = (inputs, outputs);
    }

    /// <summary>Forgets the averages.</summary>
    public void Reset()
    {
        foreach (var t in (_inputs ?? []).Concat(_outputs ?? []).SelectMany(l => l)) t.Dispose();
        _inputs = null;
        _outputs = null;
    }

    /// <inheritdoc />
    public void Dispose() => Reset();

    private bool SameShape(IReadOnlyList<IReadOnlyList<(Tensor Input, Tensor Output)>> merged) =>
        merged.Count == _inputs!.Length
        && merged.Select((l, i) => l.Count == _inputs[i].Length
            && l.Select((p, g) => p.Input.shape.SequenceEqual(_inputs[i][g].shape) && p.Output.shape.SequenceEqual(_outputs![i][g].shape)).All(x => x)).All(x => x);

    private static Tensor Start(Tensor factor, double beta, bool fromIdentity)
    {
        var start = fromIdentity
            ? torch.eye(factor.shape[0], dtype: ScalarType.Float64, device: factor.device).mul_(beta).add_(factor, 1 - beta)
            : factor.clone();
        return start.DetachFromDisposeScope();
    }
}
