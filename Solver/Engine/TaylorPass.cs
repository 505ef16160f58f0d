using Pinn.Physics;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>
/// Taylor-mode forward pass through an MLP: propagates the value, all first input derivatives and any
/// weighted sums of pure second derivatives Σₖ cₖ ∂²/∂xₖ² (a Laplacian, a single u_xx) together, in
/// one batched matmul per layer.
/// </summary>
/// <remarks>
/// A linear layer maps (a, ∂ₖa, S_c a) to (W a + b, W ∂ₖa, W S_c a); an elementwise σ maps (z, ∂ₖz, S_c z)
/// to (σ(z), σ'(z) ∂ₖz, σ'(z) S_c z + σ''(z) Σₖ cₖ (∂ₖz)²). This is the forward Laplacian of Li et al.
/// (2023) and the Taylor-mode pass used by Dangel, Müller &amp; Zeinhofer (2024) for K-FAC for PINNs.
/// The result equals nested autograd to round-off and is differentiable in θ by ordinary autograd.
/// With <c>taps</c>, every layer's channel inputs X [C, N, in] and outputs Y = W X [C, N, out] are
/// recorded: since a layer's weight enters every channel the same way, the derivative of a pointwise
/// residual rₙ with respect to W is Σ_c (∂rₙ/∂Y[c, n]) ⊗ X[c, n], which is how
/// <see cref="ResidualJacobian"/> builds every row of the Jacobian from one backward pass.
/// <para>
/// A fixed input embedding (<see cref="FeatureMap"/>) enters as the first layer's channels: its closed-form jet
/// (φ, ∂ₖφ, S_c φ) replaces (x̂, s⁻¹eₖ, 0). A hard constraint (<see cref="TransformJet"/>) is applied to the
/// output jet by the product rule, with the jets of A and B taken once per point set.
/// </para>
/// </remarks>
public static class TaylorPass
{
    /// <summary>Runs the pass for a collocated term at its points, with its cached hard-constraint jet.</summary>
    public static TaylorResult Run(Mlp net, Tensor theta, CollocatedTerm term, List<LayerTap>? taps = null) =>
        Run(net, theta, term.Points, term.Request, taps, term.TransformJetFor(net.Transform));

    /// <summary>
    /// Runs the pass. Shapes: value [N, out]; first [d, N, out] (null if not requested); second [m, N, out] (null if none).
    /// With a hard constraint on the network, <paramref name="transform"/> supplies the jets of A and B at these points
    /// for this request (computed here when null).
    /// </summary>
    public static TaylorResult Run(Mlp net, Tensor theta, Tensor x, DerivativeRequest request, List<LayerTap>? taps = null, TransformJet? transform = null)
    {
        if (!request.TaylorCompatible) throw new ArgumentException("mixed second derivatives need the autograd path");
        net.CheckInputs(theta, x);
        if (net.Transform is null) return Network(net, theta, x, request, taps);
        if (transform is not null) return transform.Apply(Network(net, theta, x, request, taps));
        using var jet = TransformJet.Compute(net.Transform, x, request, net.Options.Outputs);
        return jet.Apply(Network(net, theta, x, request, taps));
    }

    /// <summary>The pass through the layers (the jet of N, before any hard constraint).</summary>
    private static TaylorResult Network(Mlp net, Tensor theta, Tensor x, DerivativeRequest request, List<LayerTap>? taps)
    {
        int d = net.Options.Inputs;
        long n = x.shape[0];
        bool first = request.NeedsFirst;
        int m = request.SecondOrder.Count;
        Tensor? coefficients = m == 0 ? null
            : tensor(request.SecondOrder.SelectMany(c => c).ToArray(), dtype: ScalarType.Float64).view(m, d);
        // A hard constraint reads N's value and, when any derivative is needed, all of N's first derivatives.
        bool transformed = net.Transform is not null;

        Tensor? coefficientsTimesMinusTwo = null;
        Tensor a = net.Normalize(x);
        Tensor? g = null;   // [d, N or 1, h]: ∂a/∂x_k (at the input: of the embedding)
        Tensor? s = null;   // [m, N, h] or null when identically zero
        if (net.Features is { } features)
            (a, g, s) = features.Jet(a, net.InverseScaleTensor, first, coefficients);
        else if (first)
            g = diag(net.InverseScaleTensor).unsqueeze(1);   // [d, 1, d]: ∂x̂/∂x
        int layers = net.Layers.Count;
        for (int i = 0; i < layers; i++)
        {
            var (w, b) = net.Layer(theta, i);
            Tensor? z;
            if (i == 0 && taps is null && net.Features is null)
            {
                z = nn.functional.linear(a, w, b);
                if (first) g = (w * net.InverseScaleTensor).t().unsqueeze(1);   // [d, 1, h]
            }
            else
            {
                // Channel inputs: the value, then ∂ₖ, then S_c. The output layer computes only the channels the residual reads.
                bool last = i + 1 == layers;
                bool withValue = !last || transformed || request.OutputsValue || (!first && m == 0);
                bool withFirst = first && (!last || transformed || request.OutputsFirst);
                bool withSecond = s is not null;
                int h = (int)a.shape[1];
                var parts = new List<Tensor>(3);
                if (withValue) parts.Add(a.unsqueeze(0));
                if (withFirst) parts.Add(g!.expand(d, n, h));
                if (withSecond) parts.Add(s!);
                var input = parts.Count == 1 ? parts[0] : cat(parts.ToArray(), 0);               // [C, N, in]
                var y = input.reshape(-1, h).matmul(w.t()).view(input.shape[0], n, w.shape[0]);  // [C, N, out]
                taps?.Add(new LayerTap(input, y, withValue));
                int c = 0;
                z = withValue ? y[c++] + b : null;
                g = withFirst ? y.narrow(0, c, d) : null;
                s = withSecond ? y.narrow(0, c + (withFirst ? d : 0), m) : null;
            }
            if (i + 1 == layers)
                return new TaylorResult(z, g?.expand(d, n, w.shape[0]), s);

            Tensor d1;
            Tensor? curvature = null;
            if (net.Options.Activation == Activation.Tanh)
            {
                // tanh' = 1 − t², tanh'' = −2 t (1 − t²): the −2 is folded into the coefficients.
                a = z!.tanh();
                if (g is null && m == 0) continue;   // value only: no derivative factors needed
                d1 = 1.0 - a.square();
                if (m > 0) curvature = (a * d1) * Weighted(coefficientsTimesMinusTwo ??= coefficients! * -2.0, g!, d, m);
            }
            else
            {
                var (act, first1, d2) = net.Options.Activation.WithDerivatives(z!, second: m > 0);
                a = act;
                d1 = first1;
                if (m > 0) curvature = d2! * Weighted(coefficients!, g!, d, m);
            }
            if (curvature is not null) s = s is null ? curvature : curvature.addcmul(d1, s, 1.0);
            if (g is not null) g = d1 * g;
        }
        throw new InvalidOperationException("a network needs at least one layer");
    }

    /// <summary>Σₖ cₖ (∂ₖz)² for each coefficient row c: [m, N|1, h].</summary>
    private static Tensor Weighted(Tensor coefficients, Tensor g, int d, int m)
    {
        var q = g * g;
        return coefficients.matmul(q.reshape(d, -1)).view(m, q.shape[1], q.shape[2]);
    }
}

/// <summary>Outputs of <see cref="TaylorPass"/>: value [N, out], first derivatives [d, N, out], weighted second sums [m, N, out].</summary>
public sealed record TaylorResult(Tensor? Value, Tensor? First, Tensor? Second);

/// <summary>One layer's channel inputs X [C, N, in] and outputs W X [C, N, out] (bias excluded); channel 0 is the value (which carries the bias) when <paramref name="HasValue"/>.</summary>
public sealed record LayerTap(Tensor Input, Tensor Output, bool HasValue = true);
