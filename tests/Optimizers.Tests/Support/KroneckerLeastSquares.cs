using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>
/// A least-squares objective over one dense layer z = W x + b (θ = [W row-major, b]) whose Gauss–Newton matrix
/// is exactly a sum of two Kronecker products: term t has residuals r̃ₜₙ = √(1/Nₜ) (cₜᵀ(W xₙ + b) − yₙ), so
/// Jₜᵀ Jₜ = (cₜcₜᵀ) ⊗ mean([x, 1][x, 1]ᵀ). The targets come from a seeded W*, b*, so the minimum is 0.
/// </summary>
internal sealed class KroneckerLeastSquares : IKroneckerObjective, IResidualObjective, IDisposable
{
    private readonly Tensor[] _inputs;      // [Nₜ, in + 1] with the bias column
    private readonly Tensor[] _directions;  // cₜ [out]
    private readonly Tensor[] _targets;     // [Nₜ]

    public KroneckerLeastSquares(int outputs, int inputs, int seed, params int[] points)
    {
        var random = new Random(seed);
        using var scope = torch.NewDisposeScope();
        Outputs = outputs;
        Inputs = inputs;
        var truth = GaussianTensors.Gaussian(random, outputs, inputs + 1);
        _inputs = new Tensor[points.Length];
        _directions = new Tensor[points.Length];
        _targets = new Tensor[points.Length];
        for (var t = 0; t < points.Length; t++)
        {
            var x = torch.cat([GaussianTensors.Gaussian(random, points[t], inputs) * (t + 1.0), torch.ones(points[t], 1, dtype: ScalarType.Float64)], 1);
            _inputs[t] = x.DetachFromDisposeScope();
            _directions[t] = GaussianTensors.Gaussian(random, outputs).DetachFromDisposeScope();
            _targets[t] = x.matmul(truth.t()).mv(_directions[t]).DetachFromDisposeScope();
        }
        Start = GaussianTensors.Gaussian(random, ParameterCount).DetachFromDisposeScope();
    }

    public int Outputs { get; }
    public int Inputs { get; }
    public Tensor Start { get; }
    /// <summary>When set, the loss is reported as NaN.</summary>
    public bool Poisoned { get; set; }

    public long ParameterCount => (long)Outputs * (Inputs + 1);

    public IReadOnlyList<KroneckerLayer> KroneckerLayers => [new KroneckerLayer(0, (long)Outputs * Inputs, Outputs, Inputs)];

    private Tensor Combined(Tensor theta) =>
        torch.cat([theta.narrow(0, 0, (long)Outputs * Inputs).view(Outputs, Inputs), theta.narrow(0, (long)Outputs * Inputs, Outputs).unsqueeze(1)], 1);

    private Tensor Residual(Tensor theta, int t) =>
        (_inputs[t].matmul(Combined(theta).t()).mv(_directions[t]) - _targets[t]) / Math.Sqrt(_targets[t].shape[0]);

    public long ResidualCount => _targets.Sum(t => t.shape[0]);

    public Tensor Residuals(Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        return torch.cat(Enumerable.Range(0, _inputs.Length).Select(t => Residual(theta, t)).ToArray()).MoveToOuterDisposeScope();
    }

    public (Tensor Residuals, Tensor Jacobian) ResidualsAndJacobian(Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        var rows = Enumerable.Range(0, _inputs.Length).Select(t =>
        {
            var x = _inputs[t];
            long n = x.shape[0];
            var blocks = _directions[t].view(1, Outputs, 1) * x.view(n, 1, Inputs + 1) / Math.Sqrt(n);   // [N, out, in + 1]
            return torch.cat([blocks.narrow(2, 0, Inputs).reshape(n, -1), blocks.select(2, Inputs)], 1);
        }).ToArray();
        return (Residuals(theta).MoveToOuterDisposeScope(), torch.cat(rows).MoveToOuterDisposeScope());
    }

    public double Value(Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        return Poisoned ? double.NaN : Enumerable.Range(0, _inputs.Length).Sum(t => { var r = Residual(theta, t); return r.dot(r).item<double>(); });
    }

    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        var e = KroneckerFactors(theta);
        return (e.Loss, e.Gradient.MoveToOuterDisposeScope());
    }

    public KroneckerEvaluation KroneckerFactors(Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        var half = torch.zeros(Outputs, Inputs + 1, dtype: ScalarType.Float64);
        var terms = new List<KroneckerTerm>();
        for (var t = 0; t < _inputs.Length; t++)
        {
            var x = _inputs[t];
            long n = x.shape[0];
            var r = Residual(theta, t);
            half += _directions[t].outer(x.t().mv(r)) / Math.Sqrt(n);
            var input = x.t().matmul(x) / n;
            var output = _directions[t].outer(_directions[t]);
            terms.Add(new KroneckerTerm(input.MoveToOuterDisposeScope(), output.MoveToOuterDisposeScope(), n, t));
        }
        var gradient = torch.cat([half.narrow(1, 0, Inputs).reshape(-1), half.select(1, Inputs)]) * 2;
        return new KroneckerEvaluation(Value(theta), gradient.MoveToOuterDisposeScope(), [terms]);
    }

    public void Dispose()
    {
        foreach (var t in _inputs.Concat(_directions).Concat(_targets)) t.Dispose();
        Start.Dispose();
    }
}
