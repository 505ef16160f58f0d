using Pinn.Optimizers;
using Pinn.Physics;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>
/// The physics-informed loss L(θ) = Σₜ wₜ · mean(rₜ(θ)²) of a problem's terms for a network, as an
/// <see cref="IObjective"/> over the flat parameter vector. Each term's derivatives come from the
/// Taylor-mode pass when it can supply them and from nested autograd otherwise.
/// </summary>
/// <remarks>
/// With causal weighting (<see cref="CausalWeighting"/>) every pointwise term on the domain's interior of a
/// time-dependent problem has its rows scaled by √wᵢ of their time chunk (<see cref="CausalWeights"/>), in the
/// loss, the gradient, the residuals, the Jacobian and the K-FAC factors alike, so every optimizer sees the same
/// function. The weights change only in <see cref="UpdateCausalWeights"/> (the trainer calls it at step starts).
/// </remarks>
public sealed partial class PinnObjective : IResidualObjective, IParameterBlocks, IDisposable
{
    private readonly List<CollocatedTerm> _terms;
    private readonly double[] _termLosses;
    private readonly int _seed;
    private readonly CausalWeights?[] _causal;

    /// <summary>The problem.</summary>
    public Problem Problem { get; }
    /// <summary>The network.</summary>
    public Mlp Network { get; }
    /// <summary>The collocated terms.</summary>
    public IReadOnlyList<CollocatedTerm> Terms => _terms;
    /// <summary>Forces nested autograd for every term (for comparisons and tests).</summary>
    public bool ForceAutograd { get; init; }

    /// <summary>Draws the collocation points of every term with <paramref name="seed"/>.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="network">The network.</param>
    /// <param name="seed">Seed of the collocation points.</param>
    /// <param name="causal">Causal weighting of the interior terms (time-dependent problems only), or null.</param>
    /// <param name="attention">Residual-based attention on the interior terms' rows, or null.</param>
    /// <param name="sampling">Adaptive sampling of the interior terms' points from pools, or null.</param>
    public PinnObjective(Problem problem, Mlp network, int seed = 0, CausalWeighting? causal = null,
        ResidualAttention? attention = null, AdaptiveSampling? sampling = null)
    {
        if (problem.Terms.Count == 0) throw new ArgumentException("the problem has no terms");
        if (network.Options.Inputs != problem.Domain.Dimension)
            throw new ArgumentException($"the network has {network.Options.Inputs} inputs but the domain has dimension {problem.Domain.Dimension}");
        if (network.Options.Outputs != problem.Outputs)
            throw new ArgumentException($"the network has {network.Options.Outputs} outputs but the problem has {problem.Outputs}");
        if (!Equals(network.Transform, problem.Transform) || !network.Embeddings.SequenceEqual(problem.Embeddings))
            throw new ArgumentException("the network's input embedding or hard constraint differs from the problem's; build it with Mlp.For(problem, options)");
        Problem = problem;
        Network = network;
        _seed = seed;
        var random = new Random(seed);
        _terms = problem.Terms.Select(t => new CollocatedTerm(t, random, problem.Outputs, problem.Domain.TimeIndex)).ToList();
        _termLosses = new double[_terms.Count];
        _causal = CreateCausal(causal);
        CreateAdaptive(attention, sampling);
        _revision = FunctionRevision();
    }

    /// <inheritdoc />
    public long ParameterCount => Network.ParameterCount;

    /// <summary>One block per layer: its weight and bias.</summary>
    public IReadOnlyList<(long Offset, long Length)> ParameterBlocks =>
        Network.Layers.Select(l => (l.WeightOffset, l.End - l.WeightOffset)).ToArray();

    /// <summary>The weighted loss of each term at the last evaluation (they sum to the loss).</summary>
    public IReadOnlyList<double> LastTermLosses => _termLosses;

    /// <summary>Term names, in order.</summary>
    public IReadOnlyList<string> TermNames => _terms.Select(t => t.Term.Name).ToArray();

    /// <summary>Total number of residual rows M (one per collocation point for pointwise terms).</summary>
    public long ResidualCount => _residualCount ??= CountResiduals();

    private long? _residualCount;

    private long CountResiduals()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return Enumerable.Range(0, _terms.Count).Sum(i => TermResidual(Network.Parameters, i).shape[0]);
    }

    /// <summary>
    /// Changes whenever the function changes (each resampling, each change of the causal weights), so optimizers
    /// that cache values know. Without causal weighting it equals <see cref="PointsRevision"/>; with it, it is a
    /// 52-bit hash of that and the weights (exact in the float64 numbers optimizer states are saved as), so it
    /// depends only on the points and the weights, not on how the run got there: resumed runs see the same values.
    /// </summary>
    public long Revision => _revision;

    private long _revision;

    /// <summary>How often the collocation points have been redrawn (stored in checkpoints).</summary>
    public long PointsRevision { get; private set; }

    /// <summary>Redraws every term's points (for resampling schedules). Draw k uses a generator seeded by
    /// (seed, k), so the points after k redraws do not depend on how the run got there (checkpoints).</summary>
    public void Resample() => ResampleTo(PointsRevision + 1);

    /// <summary>Sets the points to those of redraw <paramref name="revision"/> (0: the initial points are kept).</summary>
    public void ResampleTo(long revision)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(revision);
        if (revision == PointsRevision) return;
        if (IsAdaptive) throw new InvalidOperationException("the interior points are drawn from pools (adaptive sampling); they are not redrawn at random");
        if (revision > 0)
        {
            var random = new Random(unchecked(_seed * 1_000_003 + (int)revision));
            foreach (var t in _terms) t.Resample(random);
        }
        else
        {
            var random = new Random(_seed);
            foreach (var t in _terms) t.Resample(random);
        }
        PointsRevision = revision;
        for (int i = 0; i < _terms.Count; i++) _causal[i]?.Assign(_terms[i].Points);
        _revision = FunctionRevision();
    }

    /// <summary>The residual of term <paramref name="index"/> at θ, flattened to [Nₜ].</summary>
    public Tensor TermResidual(Tensor theta, int index) => Residual(theta, _terms[index]);

    /// <summary>The residual of a collocated term at θ, flattened to [N].</summary>
    private Tensor Residual(Tensor theta, CollocatedTerm term)
    {
        IDerivativeSource source = UsesTaylor(term)
            ? new TaylorSource(Network, term.Points, term.Request, TaylorPass.Run(Network, theta, term))
            : new AutogradSource(x => Network.Forward(theta, x), term.Points);
        var r = term.Evaluate(new Field(source, Problem.Domain.TimeIndex));
        return r.reshape(-1);
    }

    /// <summary>Whether a term's derivatives come from the Taylor-mode pass (else nested autograd).</summary>
    private bool UsesTaylor(CollocatedTerm term) => term.Request.TaylorCompatible && !ForceAutograd;

    /// <summary>√(wₜ/Nₜ): the factor that makes ‖r̃‖² equal the loss.</summary>
    private static double Scale(CollocatedTerm term, long rows) => Math.Sqrt(term.Term.Weight / rows);

    /// <inheritdoc />
    public Tensor Residuals(Tensor theta)
    {
        using var scope = NewDisposeScope();
        using var mode = _terms.All(UsesTaylor) ? no_grad() : enable_grad();   // nested autograd needs the graph
        var th = theta.detach();
        var parts = Enumerable.Range(0, _terms.Count).Select(i =>
        {
            var r = TermResidual(th, i);
            return Scaled(i, r, r.shape[0]);
        }).ToArray();
        RememberTermLosses(parts);
        return cat(parts).detach().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public (Tensor Residuals, Tensor Jacobian) ResidualsAndJacobian(Tensor theta)
    {
        using var scope = NewDisposeScope();
        using var mode = enable_grad();
        var rs = new List<Tensor>();
        var js = new List<Tensor>();
        for (int i = 0; i < _terms.Count; i++)
        {
            var (r, j) = UsesTaylor(_terms[i]) && _terms[i].Term.Pointwise
                ? ResidualJacobian.Pointwise(Network, theta, _terms[i], Problem.Domain.TimeIndex)
                : RowByRowJacobian(theta, i);
            rs.Add(Scaled(i, r, r.shape[0]));
            js.Add(Scaled(i, j, r.shape[0]));
        }
        RememberTermLosses(rs);
        var residuals = cat(rs.ToArray()).detach();
        var jacobian = cat(js.ToArray()).detach();
        return (residuals.MoveToOuterDisposeScope(), jacobian.MoveToOuterDisposeScope());
    }

    /// <summary>The general path: one backward pass per residual row.</summary>
    private (Tensor, Tensor) RowByRowJacobian(Tensor theta, int index)
    {
        var th = theta.detach().requires_grad_(true);
        var r = TermResidual(th, index);
        var rows = new Tensor[r.shape[0]];
        for (long k = 0; k < r.shape[0]; k++)
            rows[k] = autograd.grad([r[k]], [th], retain_graph: true, allow_unused: true)[0] is { } g && !g.IsInvalid
                ? g : zeros_like(th);
        return (r.detach(), stack(rows));
    }

    /// <summary>Fills <see cref="LastTermLosses"/> from the scaled residuals of each term (their squared norms are the weighted term losses).</summary>
    private void RememberTermLosses(IReadOnlyList<Tensor> scaledResiduals)
    {
        using var scope = NewDisposeScope();
        using var values = stack(scaledResiduals.Select(r => r.detach().square().sum()).ToArray());
        var v = values.data<double>().ToArray();
        Array.Copy(v, _termLosses, v.Length);
    }

    /// <summary>The loss as a 0-d tensor (differentiable in θ when θ requires grad); fills <see cref="LastTermLosses"/>.</summary>
    public Tensor Loss(Tensor theta)
    {
        Tensor? total = null;
        var parts = new Tensor[_terms.Count];
        for (int i = 0; i < _terms.Count; i++)
        {
            var part = TermLoss(i, TermResidual(theta, i));
            parts[i] = part;
            total = total is null ? part : total + part;
        }
        using (var values = stack(parts.Select(p => p.detach()).ToArray()))
        {
            var v = values.data<double>().ToArray();
            Array.Copy(v, _termLosses, v.Length);
        }
        return total!;
    }

    /// <inheritdoc />
    public double Value(Tensor theta)
    {
        using var scope = NewDisposeScope();
        using var mode = _terms.All(UsesTaylor) ? no_grad() : enable_grad();   // nested autograd needs the graph
        var th = theta.detach();
        Loss(th);
        double total = 0;
        foreach (var part in _termLosses) total += part;   // the same additions, in the same order, as Loss
        return total;
    }

    /// <inheritdoc />
    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta)
    {
        using var scope = NewDisposeScope();
        using var mode = enable_grad();
        var th = theta.detach().requires_grad_(true);
        var loss = Loss(th);
        var grad = autograd.grad([loss], [th])[0];
        double value = loss.item<double>();
        return (value, grad.detach().MoveToOuterDisposeScope());
    }

    /// <summary>The network at θ on points x: [N, outputs].</summary>
    public Tensor Predict(Tensor theta, Tensor x)
    {
        using var _ = no_grad();
        return Network.Forward(theta, x);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _terms) t.Dispose();
        foreach (var c in _causal) c?.Dispose();
        DisposeAdaptive();
    }
}
