using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>
/// The jets of a hard constraint's A and B (<see cref="OutputTransform"/>) at one point set, for the derivatives
/// one request needs, and the product rule that turns the network's jet into the jet of u = A + B ⊙ N.
/// </summary>
/// <remarks>
/// A and B do not depend on θ: their jets are taken once per point set by nested autograd in x (one backward
/// pass per output for ∂ₖ, one per output and coefficient coordinate for ∂²ₖ) and kept, so a training step
/// adds only the elementwise rule ∂ₖu = ∂ₖA + ∂ₖB N + B ∂ₖN and
/// S_c u = S_c A + (S_c B) N + 2 Σₖ cₖ ∂ₖB ∂ₖN + B S_c N. The rule is made of torch operations, so gradients,
/// Hessians and the Jacobian taps flow through it by ordinary autograd.
/// </remarks>
public sealed class TransformJet : IDisposable
{
    private readonly Tensor? _coefficients;   // [m, d]

    private TransformJet(TaylorResult offset, TaylorResult factor, Tensor? coefficients)
    {
        Offset = offset;
        Factor = factor;
        _coefficients = coefficients;
    }

    /// <summary>A's jet: value [N, 1|o], first [d, N, 1|o], second [m, N, 1|o].</summary>
    public TaylorResult Offset { get; }
    /// <summary>B's jet, shaped as <see cref="Offset"/>.</summary>
    public TaylorResult Factor { get; }

    /// <summary>Takes the jets of <paramref name="transform"/> at points <paramref name="x"/> [N, d] for <paramref name="request"/>; the tensors are owned by the result.</summary>
    public static TransformJet Compute(OutputTransform transform, Tensor x, DerivativeRequest request, int outputs)
    {
        if (!request.TaylorCompatible) throw new ArgumentException("mixed second derivatives need the autograd path");
        using var scope = NewDisposeScope();
        using var mode = enable_grad();
        int d = (int)x.shape[1];
        int m = request.SecondOrder.Count;
        var coefficients = m == 0 ? null
            : tensor(request.SecondOrder.SelectMany(c => c).ToArray(), dtype: ScalarType.Float64).view(m, d);
        var offset = Of(transform.Offset, x, request, outputs, "A");
        var factor = Of(transform.Factor, x, request, outputs, "B");
        return new TransformJet(Keep(offset), Keep(factor), coefficients?.DetachFromDisposeScope());
    }

    /// <summary>The jet of u = A + B ⊙ N from the network's jet (its value is needed; first derivatives too when the request has any).</summary>
    public TaylorResult Apply(TaylorResult network)
    {
        var n = network.Value ?? throw new InvalidOperationException("the hard constraint needs the network's value");
        var value = Offset.Value! + Factor.Value! * n;
        Tensor? first = null, second = null;
        if (network.First is { } g)
            first = Offset.First! + Factor.First! * n.unsqueeze(0) + Factor.Value!.unsqueeze(0) * g;
        if (network.Second is { } s)
        {
            var gn = network.First ?? throw new InvalidOperationException("the hard constraint's second derivatives need the network's first derivatives");
            var cross = Factor.First! * gn;                                                   // [d, N, o]
            var weighted = _coefficients!.matmul(cross.reshape(cross.shape[0], -1)).view(s.shape[0], cross.shape[1], cross.shape[2]);
            second = Offset.Second! + Factor.Second! * n.unsqueeze(0) + weighted * 2.0 + Factor.Value!.unsqueeze(0) * s;
        }
        return new TaylorResult(value, first, second);
    }

    private static TaylorResult Of(Func<Tensor, Tensor> f, Tensor x, DerivativeRequest request, int outputs, string name)
    {
        long count = x.shape[0];
        int d = (int)x.shape[1];
        var p = x.detach().clone().requires_grad_(true);
        var v = OutputTransform.Columns(f(p), count, outputs, name);                         // [N, k]
        int k = (int)v.shape[1];
        if (!request.NeedsFirst) return new TaylorResult(v, null, null);
        var gradients = Enumerable.Range(0, k).Select(j => Gradient(v.select(1, j), p)).ToArray();   // k × [N, d]
        var first = stack(gradients, 2).permute(1, 0, 2);                                   // [d, N, k]
        if (request.SecondOrder.Count == 0) return new TaylorResult(v, first, null);
        var second = request.SecondOrder.Select(c => stack(gradients.Select(g =>
        {
            var sum = zeros(count, dtype: ScalarType.Float64);
            for (int i = 0; i < d; i++)
                if (c[i] != 0) sum = sum + Gradient(g.select(1, i), p).select(1, i) * c[i];
            return sum;
        }).ToArray(), 1)).ToArray();
        return new TaylorResult(v, first, stack(second, 0));                                // [m, N, k]
    }

    /// <summary>∂(Σ values)/∂p with the graph kept for a further derivative; zeros where values do not depend on p.</summary>
    private static Tensor Gradient(Tensor values, Tensor p)
    {
        if (!values.requires_grad) return zeros_like(p);
        var g = autograd.grad([values.sum()], [p], retain_graph: true, create_graph: true, allow_unused: true)[0];
        return g is null || g.IsInvalid ? zeros_like(p) : g;
    }

    private static TaylorResult Keep(TaylorResult r) => new(Own(r.Value), Own(r.First), Own(r.Second));

    private static Tensor? Own(Tensor? t) => t?.detach().contiguous().DetachFromDisposeScope();

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var r in new[] { Offset, Factor })
        {
            r.Value?.Dispose();
            r.First?.Dispose();
            r.Second?.Dispose();
        }
        _coefficients?.Dispose();
    }
}
