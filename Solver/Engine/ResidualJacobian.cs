using Pinn.Physics;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>
/// Exact residual Jacobians of pointwise terms from one Taylor-mode pass and one backward pass:
/// the sensitivities δ = ∂(Σₙ rₙ)/∂Y of every layer's channel outputs are per-point (rₙ depends on
/// point n only), and row n of ∂r/∂W is Σ_c δ[c, n] ⊗ X[c, n]; the bias row is δ[0, n].
/// </summary>
public static class ResidualJacobian
{
    /// <summary>Residuals [N] and Jacobian [N, P] of a pointwise, Taylor-compatible term.</summary>
    public static (Tensor Residuals, Tensor Jacobian) Pointwise(Mlp net, Tensor theta, CollocatedTerm term, int? timeIndex)
    {
        var taps = new List<LayerTap>();
        var th = theta.detach().requires_grad_(true);   // builds the graph the sensitivities flow through
        var points = term.Points;
        var result = TaylorPass.Run(net, th, term, taps);
        var source = new TaylorSource(net, points, term.Request, result);
        var r = term.Evaluate(new Field(source, timeIndex)).reshape(-1);
        long n = points.shape[0];
        if (r.shape[0] != n)
            throw new InvalidOperationException($"term '{term.Term.Name}' returned {r.shape[0]} residuals for {n} points; mark it not pointwise");
        var deltas = autograd.grad([r.sum()], taps.Select(t => t.Output).ToArray(), allow_unused: true);
        var blocks = new List<Tensor>(2 * taps.Count);
        for (int i = 0; i < taps.Count; i++)
        {
            var delta = deltas[i] is { } dl && !dl.IsInvalid ? dl : zeros_like(taps[i].Output);   // [C, N, out]
            var input = taps[i].Input;                                                            // [C, N, in]
            var weight = delta.permute(1, 2, 0).bmm(input.permute(1, 0, 2));                     // [N, out, in]
            blocks.Add(weight.reshape(n, -1));
            blocks.Add(taps[i].HasValue ? delta[0] : zeros(n, delta.shape[2], dtype: ScalarType.Float64));
        }
        return (r.detach(), cat(blocks.ToArray(), 1).detach());
    }
}
