using Pinn.Optimizers;
using Pinn.Physics;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>
/// K-FAC's Kronecker factors of one pointwise term, per layer, from one Taylor-mode pass with taps and one
/// backward pass: layer inputs X [C, N, in] (the C channels value, ∂ₖ, Σcₖ∂²ₖ sharing the weight) with the bias
/// input appended (1 on the value channel, 0 on derivative channels), and sensitivities δ = ∂(Σₙ rₙ)/∂(W X).
/// </summary>
/// <remarks>
/// F. Dangel, J. Müller, M. Zeinhofer, "Kronecker-factored approximate curvature for physics-informed neural
/// networks", NeurIPS 2024, §3: the Taylor-mode pass is a network whose weights are shared over the
/// channels, and the Gauss–Newton block Σₙ (Σ_c δ[c,n] ⊗ x[c,n])(Σ_c δ[c,n] ⊗ x[c,n])ᵀ is approximated by
/// K-FAC-expand (R. Eschenhagen et al., NeurIPS 2023), which treats the channels like extra points:
/// A = (1/(C·N)) Σ_{c,n} x xᵀ, B = Σ_{c,n} δ̃ δ̃ᵀ, with δ̃ = √(w/N) δ so that A ⊗ B approximates the block of
/// J̃ᵀJ̃ for the scaled residual r̃ = √(w/N) r. This is the reference code's default ("expand"). Unlike the
/// reference, C counts only the channels the pass propagates at that layer: the input layer has no
/// second-order channel (identically zero there, unless an input embedding makes it non-zero), and the output layer only the kinds of channel the residual
/// reads (all first derivatives when it reads one).
/// <para>
/// Deviation from the paper, on purpose: a layer with a single output (the output layer of a scalar network)
/// gets its exact block instead of K-FAC-expand: with jₙ = Σ_c δ̃[c,n] x[c,n], A = (1/N) Σ jₙjₙᵀ and B = [N].
/// Expand drops the cross-channel terms, which for u_t − ¼u_xx (two channels that nearly cancel)
/// overestimates the curvature badly: on heat1d with a 2-64-1 network, K-FAC-expand stalled at rel. L2 8e-2
/// while the exact output block reached 9e-4 in 300 steps. For a single channel whose δ is the same at
/// every point (−Δu − f, u − g) both are equal. Since every term's B is then its point count, merging
/// terms (<see cref="KroneckerInverse.Merge"/>) and the Kronecker sum are exact for that layer as well.
/// </para>
/// The half-gradient is assembled from the same quantities: ½∇_W‖r̃‖² = Σ_{c,n} r̃ₙ δ̃[c,n] x[c,n]ᵀ.
/// </remarks>
public static class TermKroneckerFactors
{
    /// <summary>Residuals r [N] (unscaled), the half-gradient blocks [out, in + 1] of ‖√(w/N) r‖² per layer and the factors per layer.</summary>
    /// <param name="net">The network.</param>
    /// <param name="theta">θ.</param>
    /// <param name="term">A pointwise, Taylor-compatible term.</param>
    /// <param name="timeIndex">The domain's time coordinate, if any.</param>
    /// <param name="scale">√(w/N), folded into the sensitivities.</param>
    /// <param name="group">The group reported in each <see cref="KroneckerTerm"/>.</param>
    /// <param name="rowScales">Per-point factors [N] folded in as well (the causal √wᵢ, <see cref="CausalWeights"/>), or null.</param>
    public static (Tensor Residuals, Tensor[] HalfGradients, KroneckerTerm[] Factors) Pointwise(
        Mlp net, Tensor theta, CollocatedTerm term, int? timeIndex, double scale, int group, Tensor? rowScales = null)
    {
        using var scope = NewDisposeScope();
        var taps = new List<LayerTap>();
        var th = theta.detach().requires_grad_(true);
        var points = term.Points;
        var result = TaylorPass.Run(net, th, term, taps);
        var r = term.Evaluate(new Field(new TaylorSource(net, points, term.Request, result), timeIndex)).reshape(-1);
        long n = points.shape[0];
        if (r.shape[0] != n)
            throw new InvalidOperationException($"term '{term.Term.Name}' returned {r.shape[0]} residuals for {n} points; mark it not pointwise");
        if (taps.Count != net.Layers.Count)
            throw new InvalidOperationException($"term '{term.Term.Name}': the Taylor pass recorded {taps.Count} of {net.Layers.Count} layers; K-FAC needs every layer's channels");
        var deltas = autograd.grad([r.sum()], taps.Select(t => t.Output).ToArray(), allow_unused: true);
        var residual = r.detach();
        var pointScales = rowScales?.view(1, n, 1);
        var halves = new Tensor[taps.Count];
        var factors = new KroneckerTerm[taps.Count];
        for (int i = 0; i < taps.Count; i++)
        {
            var tap = taps[i];
            var input = tap.Input.detach();                                                      // [C, N, in]
            long channels = input.shape[0];
            var delta = deltas[i] is { } dl && !dl.IsInvalid ? dl.detach() * scale : zeros_like(tap.Output);   // [C, N, out]
            if (pointScales is not null) delta = delta * pointScales;
            var biasInput = zeros(channels, n, 1, dtype: ScalarType.Float64);
            if (tap.HasValue) biasInput[0].fill_(1.0);
            var augmented = cat([input, biasInput], 2);                                          // [C, N, in+1]
            var x = augmented.reshape(channels * n, -1);                                         // [C·N, in+1]
            var d = delta.reshape(channels * n, -1);                                             // [C·N, out]
            Tensor a, b;
            long count = channels * n;
            if (delta.shape[2] == 1)
            {
                // One output: the block is (in+1)×(in+1) and exact with B = N, A = mean over points of j jᵀ, j = Σ_c δ̃ x.
                var rows = (delta * augmented).sum(0, false);                                    // [N, in+1]
                a = rows.t().matmul(rows).div_(n);
                b = ones(1, 1, dtype: ScalarType.Float64).mul_((double)n);
                count = n;
            }
            else
            {
                a = x.t().matmul(x).div_(channels * n);
                b = d.t().matmul(d);
            }
            factors[i] = new KroneckerTerm(Symmetric(a).MoveToOuterDisposeScope(), Symmetric(b).MoveToOuterDisposeScope(), count, group);
            var scaledResidual = residual * scale;
            if (rowScales is not null) scaledResidual = scaledResidual * rowScales;
            var weighted = (delta * scaledResidual.view(1, n, 1)).reshape(channels * n, -1);   // r̃ₙ δ̃[c, n]
            halves[i] = weighted.t().matmul(x).MoveToOuterDisposeScope();
        }
        return (residual.MoveToOuterDisposeScope(), halves, factors);
    }

    private static Tensor Symmetric(Tensor m) => (m + m.t()).mul_(0.5);
}
