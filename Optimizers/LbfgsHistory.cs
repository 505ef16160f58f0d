using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The m most recent curvature pairs sₖ = θₖ₊₁ − θₖ, yₖ = gₖ₊₁ − gₖ of L-BFGS and the product of the
/// implied inverse-Hessian approximation with a vector (two-loop recursion, Nocedal &amp; Wright Alg. 7.4,
/// initial matrix γI with γ = sᵀy / yᵀy of the newest pair, eq. 7.20). Owns its tensors.
/// </summary>
internal sealed class LbfgsHistory(int capacity) : IDisposable
{
    private readonly List<(Tensor S, Tensor Y, double Rho)> _pairs = [];
    private double _gamma = 1;

    public int Count => _pairs.Count;

    /// <summary>Stores a copy of (s, y) unless sᵀy ≤ ε‖y‖² (curvature not safely positive). Returns whether it did.</summary>
    public bool TryAdd(Tensor s, Tensor y)
    {
        var sy = ParameterVector.Dot(s, y);
        var yy = ParameterVector.Dot(y, y);
        if (!(sy > ParameterVector.MachineEpsilon * yy) || !double.IsFinite(sy) || !double.IsFinite(yy))
        {
            return false;
        }
        if (_pairs.Count == capacity)
        {
            _pairs[0].S.Dispose();
            _pairs[0].Y.Dispose();
            _pairs.RemoveAt(0);
        }
        _pairs.Add((s.detach().clone().DetachFromDisposeScope(), y.detach().clone().DetachFromDisposeScope(), 1 / sy));
        _gamma = sy / yy;
        return true;
    }

    /// <summary>−H g: the quasi-Newton direction (a fresh tensor in the caller's scope).</summary>
    public Tensor Direction(Tensor gradient)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var q = gradient.detach().clone();
        var alphas = new Tensor[_pairs.Count];
        for (var i = _pairs.Count - 1; i >= 0; i--)
        {
            var (s, y, rho) = _pairs[i];
            alphas[i] = s.dot(q).mul_(rho);
            q.sub_(y.mul(alphas[i]));
        }
        q.mul_(_gamma);
        for (var i = 0; i < _pairs.Count; i++)
        {
            var (s, y, rho) = _pairs[i];
            var beta = y.dot(q).mul_(rho);
            q.add_(s.mul(alphas[i].sub(beta)));
        }
        return q.neg_().MoveToOuterDisposeScope();
    }

    public void Clear()
    {
        foreach (var (s, y, _) in _pairs)
        {
            s.Dispose();
            y.Dispose();
        }
        _pairs.Clear();
        _gamma = 1;
    }

    public void Dispose() => Clear();

    /// <summary>Writes the pairs (stacked S and Y, [k, P]), their ρ and γ under <paramref name="prefix"/>.</summary>
    public void Save(OptimizerState state, string prefix)
    {
        state.Set($"{prefix}.count", _pairs.Count).Set($"{prefix}.gamma", _gamma);
        if (_pairs.Count == 0) return;
        using var scope = torch.NewDisposeScope();
        state.Set($"{prefix}.s", torch.stack(_pairs.Select(p => p.S).ToArray()))
             .Set($"{prefix}.y", torch.stack(_pairs.Select(p => p.Y).ToArray()))
             .Set($"{prefix}.rho", torch.tensor(_pairs.Select(p => p.Rho).ToArray(), dtype: ScalarType.Float64));
    }

    /// <summary>Replaces the pairs with those saved by <see cref="Save"/>, on <paramref name="device"/>.</summary>
    public void Load(OptimizerState state, string prefix, Device device)
    {
        Clear();
        var count = state.Integer($"{prefix}.count");
        if (count > capacity) throw new InvalidDataException($"the saved L-BFGS history holds {count} pairs but this optimizer keeps {capacity}; resume with the same options.");
        _gamma = state.Number($"{prefix}.gamma");
        if (count == 0) return;
        using var scope = torch.NewDisposeScope();
        var s = state.Tensor($"{prefix}.s", device);
        var y = state.Tensor($"{prefix}.y", device);
        var rho = state.Tensor($"{prefix}.rho").data<double>().ToArray();
        if (s.shape[0] != count || y.shape[0] != count || rho.Length != count)
            throw new InvalidDataException($"the saved L-BFGS history is inconsistent ({count} pairs expected).");
        for (var i = 0; i < count; i++)
            _pairs.Add((s[i].clone().DetachFromDisposeScope(), y[i].clone().DetachFromDisposeScope(), rho[i]));
    }
}
