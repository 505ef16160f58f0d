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
}
