using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Sophia-H: momentum preconditioned by a moving average of Hutchinson estimates of the Hessian diagonal,
/// clipped per coordinate: θ ← θ − η clip(m / max(γh, ε), 1).
/// </summary>
/// <remarks>
/// H. Liu, Z. Li, D. Hall, P. Liang and T. Ma, "Sophia: A scalable stochastic second-order optimizer for
/// language model pre-training", ICLR 2024, Algorithm 3 with the Hutchinson estimator of Algorithm 1:
/// mₜ = β₁mₜ₋₁ + (1 − β₁)gₜ; every k steps (t mod k = 1) ĥ = u ⊙ (∇²L u) with u ~ N(0, I)
/// (<see cref="Hutchinson"/>, Gaussian probes) and hₜ = β₂hₜ₋ₖ + (1 − β₂)ĥ, else hₜ = hₜ₋₁ (h₀ = 0, no bias
/// correction, so the first steps are sign steps until h grows); θₜ₊₁ = θₜ − η clip(mₜ / max(γhₜ, ε), 1) with
/// clip(z, 1) = max(min(z, 1), −1) per coordinate. Where h ≤ 0 (negative curvature) the denominator is ε and
/// the step is the sign of m, of size η. No weight decay (the paper's decoupled decay regularises language
/// models; a PINN loss is the whole objective). A step that refreshes h costs one
/// <see cref="ITwiceDifferentiableObjective.Expand"/> and one Hessian-vector product, the others one gradient.
/// A non-finite loss, gradient or estimate leaves θ and the state unchanged and reports
/// <see cref="StopReason.NonFinite"/>.
/// </remarks>
public sealed class Sophia : IOptimizer, ICheckpointable
{
    private Tensor? _momentum;
    private Tensor? _curvature;
    private bool _disposed;

    /// <summary>Creates Sophia-H with the given (or default) options.</summary>
    public Sophia(SophiaOptions? options = null)
    {
        Options = options ?? new SophiaOptions();
        Options.Validate();
    }

    /// <inheritdoc />
    public string Name => "sophia";

    /// <summary>The hyper-parameters.</summary>
    public SophiaOptions Options { get; }

    /// <summary>Updates applied so far (t).</summary>
    public long StepCount { get; private set; }

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var twice = SecondOrderExpansion.Require(objective, Name);
        ThetaChecks.Validate(objective, theta);
        if (_momentum is not null) ThetaChecks.ValidateState(_momentum, theta);
        using var scope = torch.NewDisposeScope();
        var t = StepCount + 1;
        var refresh = (t - 1) % Options.HessianInterval == 0;
        double loss;
        Tensor gradient;
        Tensor? estimate = null;
        if (refresh)
        {
            using var expansion = SecondOrderExpansion.Expand(twice, theta);
            loss = expansion.Loss;
            gradient = expansion.Gradient.clone();
            if (double.IsFinite(loss) && SymmetricSolve.AllFinite(gradient))
            {
                estimate = Hutchinson.Diagonal(expansion.Hessian, Options.Seed, t, 1, gaussian: true, theta.device);
            }
        }
        else
        {
            (loss, gradient) = ThetaChecks.ValueAndGradient(objective, theta);
        }
        var gradientNorm = VectorMath.Norm(gradient);
        if (StepGuard.NonFinite(loss, gradientNorm, t) is { } nonFinite)
        {
            return nonFinite;
        }
        if (estimate is not null && !SymmetricSolve.AllFinite(estimate))
        {
            return new StepResult(loss, 1, gradientNorm, StopReason.NonFinite, $"non-finite Hessian diagonal estimate at step {t}; θ left unchanged");
        }

        StepCount = t;
        _momentum ??= torch.zeros_like(theta).DetachFromDisposeScope();
        _curvature ??= torch.zeros_like(theta).DetachFromDisposeScope();
        var o = Options;
        using (torch.no_grad())
        {
            _momentum.mul_(o.Beta1).add_(gradient, 1 - o.Beta1);
            if (estimate is not null) _curvature.mul_(o.Beta2).add_(estimate, 1 - o.Beta2);
            var ratio = _momentum.div(_curvature.mul(o.Gamma).clamp_min_(o.Epsilon)).clamp_(-1, 1);
            theta.add_(ratio, -o.LearningRate);
        }
        return new StepResult(loss, 1, gradientNorm);
    }

    /// <summary>Forgets the momentum, the curvature estimate and the step count.</summary>
    public void Reset()
    {
        _momentum?.Dispose();
        _curvature?.Dispose();
        (_momentum, _curvature, StepCount) = (null, null, 0);
    }

    /// <inheritdoc />
    public OptimizerState SaveState()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var state = new OptimizerState(Name).Set("steps", StepCount);
        return _momentum is null ? state : state.Set("momentum", _momentum).Set("curvature", _curvature!);
    }

    /// <inheritdoc />
    public void LoadState(OptimizerState state)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        OptimizerState.Expect(state, Name);
        var steps = state.Integer("steps");
        var momentum = state.TensorOrNull("momentum");
        var curvature = momentum is null ? null : state.Tensor("curvature");
        Reset();
        StepCount = steps;
        _momentum = momentum?.DetachFromDisposeScope();
        _curvature = curvature?.DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        Reset();
        _disposed = true;
    }
}
