using Pinn.Optimizers;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>The <see cref="IKroneckerObjective"/> side of the PINN loss: K-FAC factors from the Taylor-mode pass.</summary>
public sealed partial class PinnObjective : IKroneckerObjective
{
    /// <inheritdoc />
    public IReadOnlyList<KroneckerLayer> KroneckerLayers =>
        Network.Layers.Select(l => new KroneckerLayer(l.WeightOffset, l.BiasOffset, l.Out, l.In)).ToArray();

    /// <summary>
    /// Loss, gradient and per-layer, per-term factors (<see cref="Engine.TermKroneckerFactors"/>). Terms that read
    /// derivatives form group 0, value-only terms (boundary and initial conditions) group 1, so K-FAC merges
    /// the conditions into one Kronecker product and inverts the sum with the operator term's exactly.
    /// </summary>
    /// <exception cref="NotSupportedException">A term is not pointwise or needs nested autograd (mixed second
    /// derivatives, <see cref="ForceAutograd"/>): its factors would need the per-row Jacobian.</exception>
    public KroneckerEvaluation KroneckerFactors(Tensor theta)
    {
        Network.CheckInputs(theta, _terms[0].Points);
        foreach (var t in _terms)
        {
            if (!UsesTaylor(t) || !t.Term.Pointwise)
                throw new NotSupportedException(
                    $"K-FAC needs pointwise terms whose derivatives come from the Taylor-mode pass; term '{t.Term.Name}' is {(t.Term.Pointwise ? "computed by nested autograd" : "not pointwise (it couples points)")}. Use engd or lbfgs for this problem.");
        }
        using var scope = NewDisposeScope();
        using var mode = enable_grad();
        int layers = Network.Layers.Count;
        var halves = new Tensor?[layers];
        var factors = Enumerable.Range(0, layers).Select(_ => new List<KroneckerTerm>(_terms.Count)).ToArray();
        double loss = 0;
        for (int i = 0; i < _terms.Count; i++)
        {
            var term = _terms[i];
            var rows = term.Points.shape[0];
            var request = term.Request;
            int group = request.NeedsFirst || request.SecondOrder.Count > 0 ? 0 : 1;
            var scales = RowScalesOf(i);
            var (r, h, f) = Engine.TermKroneckerFactors.Pointwise(Network, theta, term, Problem.Domain.TimeIndex, Scale(term, rows), group, scales);
            _termLosses[i] = scales is null ? r.dot(r).item<double>() * (term.Term.Weight / rows) : TermLoss(i, r).item<double>();   // as in Loss
            loss += _termLosses[i];
            for (int l = 0; l < layers; l++)
            {
                halves[l] = halves[l] is null ? h[l] : halves[l]! + h[l];
                factors[l].Add(f[l]);
            }
        }
        var gradient = zeros(ParameterCount, dtype: ScalarType.Float64);
        for (int l = 0; l < layers; l++)
        {
            var slice = Network.Layers[l];
            var half = halves[l]!;
            gradient.narrow(0, slice.WeightOffset, (long)slice.Out * slice.In).copy_(half.narrow(1, 0, slice.In).reshape(-1) * 2);
            gradient.narrow(0, slice.BiasOffset, slice.Out).copy_(half.select(1, slice.In) * 2);
        }
        foreach (var f in factors.SelectMany(l => l))
        {
            f.Input.MoveToOuterDisposeScope();
            f.Output.MoveToOuterDisposeScope();
        }
        return new KroneckerEvaluation(loss, gradient.MoveToOuterDisposeScope(), factors);
    }
}
