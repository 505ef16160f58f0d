using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// Pushes a jet of a scalar input (t, t', t'', t''' along y) through a one-input, one-output
/// <see cref="Mlp"/>: a linear layer acts on every channel alike (the bias on the value only), an
/// activation by Faà di Bruno's formula. Optionally records each layer's channel inputs and outputs.
/// </summary>
/// <remarks>
/// The one-dimensional case of the Taylor-mode pass of <see cref="TaylorPass"/>, carried to third order
/// (the residual's second derivative needs U'''). Since a layer's weight enters every channel the same way,
/// the derivative of a pointwise quantity vₙ with respect to W is Σ_c (∂vₙ/∂Y[c, n]) ⊗ X[c, n]; see
/// <see cref="ResidualJacobian"/>.
/// </remarks>
public static class NetworkJet
{
    /// <summary>N(t(y)) as a jet of the same order as <paramref name="input"/>.</summary>
    public static Jet Run(Mlp net, Tensor theta, Jet input, List<LayerTap>? taps = null)
    {
        if (net.Options.Inputs != 1 || net.Options.Outputs != 1) throw new ArgumentException("a jet pass needs a network with one input and one output");
        if (theta.dtype != ScalarType.Float64 || theta.dim() != 1 || theta.shape[0] != net.ParameterCount)
            throw new ArgumentException($"θ must be a float64 vector of {net.ParameterCount} parameters");
        var scale = net.InputInverseScale[0];
        var center = net.InputCenter[0];
        var x = input.Stack();                                                  // [C, N]
        x = cat([(x[..1] - center) * scale, x[1..] * scale], 0).unsqueeze(2);  // [C, N, 1]
        int layers = net.Layers.Count;
        for (int i = 0; i < layers; i++)
        {
            var (w, b) = net.Layer(theta, i);
            var y = x.matmul(w.t());                                            // [C, N, out]
            taps?.Add(new LayerTap(x, y));
            var z = cat([(y[0] + b).unsqueeze(0), y[1..]], 0);
            if (i + 1 == layers) return new Jet(Enumerable.Range(0, (int)z.shape[0]).Select(c => z[c, .., 0]).ToArray());
            var channels = Enumerable.Range(0, (int)z.shape[0]).Select(c => z[c]).ToArray();
            var activated = new Jet(channels).Compose(Derivatives(net.Options.Activation, channels[0], channels.Length - 1));
            x = activated.Stack();
        }
        throw new InvalidOperationException("a network needs at least one layer");
    }

    /// <summary>σ⁽ᵏ⁾(z), k = 0..order, for tanh and sin.</summary>
    public static Tensor[] Derivatives(Activation activation, Tensor z, int order)
    {
        var d = new Tensor[order + 1];
        switch (activation)
        {
            case Activation.Tanh:
            {
                var t = z.tanh();
                d[0] = t;
                if (order == 0) break;
                var s = 1 - t.square();                    // tanh' = 1 − t²
                d[1] = s;
                if (order >= 2) d[2] = -2 * t * s;         // tanh'' = −2 t (1 − t²)
                if (order >= 3) d[3] = s * (6 * t.square() - 2); // tanh''' = (1 − t²)(6t² − 2)
                break;
            }
            case Activation.Sin:
            {
                var (sin, cos) = (z.sin(), z.cos());
                for (int k = 0; k <= order; k++) d[k] = (k % 4) switch { 0 => sin, 1 => cos, 2 => -sin, _ => -cos };
                break;
            }
            default:
                throw new ArgumentException($"the profile solver supports tanh and sin activations, not {activation}");
        }
        return d;
    }
}
