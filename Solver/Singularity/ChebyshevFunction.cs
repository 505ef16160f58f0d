using Pinn.Solver.Engine;
using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// A component function that is a Chebyshev series N(t) = b + Σₖ₌₁ᴷ wₖ Tₖ(2t − 1) on t ∈ [0, 1]: linear in its K + 1
/// parameters (the weights w, then the constant b, as one linear layer on the features Tₖ), which start at zero.
/// </summary>
/// <remarks>
/// A stage of these is a linear least-squares fit of the error equation (the profile residual is quadratic in U, so at a stage
/// scale ε the rows are linear in θ up to a relative O(ε)): a Levenberg–Marquardt step at small damping solves it, with
/// none of a network's non-convexity. Chebyshev polynomials resolve a smooth function of t to round-off with K of the order of
/// its bandwidth and cluster their resolution at both ends, t → 1 (the origin, where the correction varies over 1 − t ≲ 10⁻²) and
/// t → 0 (infinity). The features and their derivatives in s = 2t − 1 come from the three-term recurrence
/// T_{k+1} = 2sTₖ − T_{k−1} differentiated up to three times (T⁽ʲ⁾_{k+1} = 2jT⁽ʲ⁻¹⁾ₖ + 2sT⁽ʲ⁾ₖ − T⁽ʲ⁾_{k−1}), stable on [−1, 1], and
/// are composed with the jet of s along y by Faà di Bruno's formula.
/// </remarks>
public sealed class ChebyshevFunction : IComponentFunction
{
    private readonly Tensor _parameters;

    /// <summary>A series of degree <paramref name="degree"/> (≥ 1), all coefficients zero.</summary>
    public ChebyshevFunction(int degree)
    {
        if (degree < 1 || degree > 2000) throw new ArgumentOutOfRangeException(nameof(degree), degree, "the Chebyshev degree must be in 1..2000");
        Degree = degree;
        _parameters = zeros(degree + 1, dtype: ScalarType.Float64);
    }

    /// <summary>K: the highest polynomial degree.</summary>
    public int Degree { get; }

    /// <inheritdoc />
    public long ParameterCount => Degree + 1;

    /// <inheritdoc />
    public Tensor Parameters => _parameters;

    /// <inheritdoc />
    public void Load(Tensor theta)
    {
        if (theta.dtype != ScalarType.Float64 || theta.dim() != 1 || theta.shape[0] != ParameterCount)
            throw new ArgumentException($"θ must be a float64 vector of {ParameterCount} parameters");
        using var _ = no_grad();
        _parameters.copy_(theta);
    }

    /// <inheritdoc />
    public Jet Run(Tensor theta, Jet input, List<LayerTap>? taps)
    {
        if (theta.dtype != ScalarType.Float64 || theta.dim() != 1 || theta.shape[0] != ParameterCount)
            throw new ArgumentException($"θ must be a float64 vector of {ParameterCount} parameters");
        if (taps is null && !theta.requires_grad && !input[0].requires_grad) return Sum(theta, input);
        var x = Features(input);                                               // [C, N, K]
        var w = theta[..Degree].unsqueeze(0);                                 // [1, K]
        var y = x.matmul(w.t());                                               // [C, N, 1]
        taps?.Add(new LayerTap(x, y));
        var b = theta[Degree..];
        return new Jet(Enumerable.Range(0, (int)y.shape[0]).Select(c => c == 0 ? y[0, .., 0] + b : y[c, .., 0]).ToArray());
    }

    /// <summary>T₁..T_K of s = 2t − 1 as jets along y, stacked as channels [order + 1, N, K].</summary>
    public Tensor Features(Jet t)
    {
        int order = t.Order;
        var argument = Argument(t);
        var s = argument[0];
        // d[j][k] = T_{k}^{(j)}(s), k = 0..K, derivatives in s.
        var d = new Tensor[order + 1][];
        for (int j = 0; j <= order; j++) d[j] = new Tensor[Degree + 1];
        d[0][0] = ones_like(s);
        d[0][1] = s;
        for (int j = 1; j <= order; j++)
        {
            d[j][0] = zeros_like(s);
            d[j][1] = j == 1 ? ones_like(s) : zeros_like(s);
        }
        for (int k = 1; k < Degree; k++)
        {
            d[0][k + 1] = 2 * s * d[0][k] - d[0][k - 1];
            for (int j = 1; j <= order; j++) d[j][k + 1] = 2 * j * d[j - 1][k] + 2 * s * d[j][k] - d[j][k - 1];
        }
        var inS = Enumerable.Range(0, order + 1).Select(j => stack(d[j][1..], 1)).ToArray();   // [N, K] each
        // Faà di Bruno along y, with the jet of s as a column [N, 1] so that it broadcasts over the K features.
        var column = new Jet(Enumerable.Range(0, order + 1).Select(j => argument[j].unsqueeze(1)).ToArray());
        var channels = column.Compose(inS);
        return stack(Enumerable.Range(0, order + 1).Select(j => channels[j]).ToArray(), 0);
    }

    /// <summary>
    /// N(t) without its features: the recurrence's terms summed as they come, each dropped once the next two exist, so that
    /// memory is O(order·N) instead of O(order·N·K) (2026-12-07: with the features stacked, the validation of a four-stage
    /// Burgers run on 20 001 points peaked at 3.2 GB). For evaluations without gradients only; the Jacobian pass needs the
    /// features as its layer tap.
    /// </summary>
    private Jet Sum(Tensor theta, Jet t)
    {
        int order = t.Order;
        var w = theta.data<double>().ToArray();
        var argument = Argument(t);
        var s = argument[0];
        var twoS = 2 * s;
        var previous = new Tensor[order + 1];
        var current = new Tensor[order + 1];
        var sum = new Tensor[order + 1];
        for (int j = 0; j <= order; j++)
        {
            previous[j] = j == 0 ? ones_like(s) : zeros_like(s);
            current[j] = j == 0 ? s.clone() : j == 1 ? ones_like(s) : zeros_like(s);
            sum[j] = current[j] * w[0];
        }
        for (int k = 1; k < Degree; k++)
        {
            var next = new Tensor[order + 1];
            for (int j = 0; j <= order; j++)
            {
                next[j] = twoS * current[j];    // in place from here on: one new tensor per term
                next[j].sub_(previous[j]);
                if (j > 0) next[j].add_(current[j - 1], 2 * j);
                sum[j].add_(next[j], w[k]);
            }
            foreach (var tensor in previous) tensor.Dispose();
            (previous, current) = (current, next);
        }
        var composed = argument.Compose(sum);
        return new Jet(Enumerable.Range(0, order + 1).Select(j => j == 0 ? composed[0] + w[Degree] : composed[j]).ToArray());
    }

    /// <summary>The jet of the series' argument s = 2t − 1 along y.</summary>
    private static Jet Argument(Jet t) => new(Enumerable.Range(0, t.Order + 1).Select(j => j == 0 ? 2 * t[0] - 1 : 2 * t[j]).ToArray());

    /// <inheritdoc />
    public string Description => $"chebyshev {Degree}";

    /// <inheritdoc />
    public void Dispose() => _parameters.Dispose();
}
