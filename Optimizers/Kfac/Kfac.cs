using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// K-FAC for PINN losses: per layer, the Gauss–Newton block is approximated by a sum over loss terms of
/// Kronecker products Bₜ ⊗ Aₜ (moving averages of the factors), inverted exactly per layer; the direction
/// d = −(Σₜ (Bₜ + λI) ⊗ (Aₜ + λI))⁻¹ ½∇L, with momentum m ← μm + d, and θ ← θ + η m with η from a grid line
/// search over 2⁻ᵏ.
/// </summary>
/// <remarks>
/// F. Dangel, J. Müller and M. Zeinhofer, "Kronecker-factored approximate curvature for physics-informed
/// neural networks", NeurIPS 2024, §3 (factors of the interior term from the Taylor-mode pass's shared
/// weights, K-FAC-expand; of the boundary term as in J. Martens and R. Grosse, ICML 2015), Algorithm 1
/// (appendix) and §4 (grid line search over η = 2⁻ᵏ, momentum, exponential moving average of the factors,
/// damping λ on every factor; the best poisson2d run of their public experiment scripts: λ ≈ 1.5e-12,
/// β ≈ 0.45, μ ≈ 0.51, factors started from the identity). The
/// factors come from an <see cref="IKroneckerObjective"/>; terms are merged into at most two Kronecker
/// products per layer, whose sum is inverted exactly (<see cref="KroneckerInverse"/>). The approximated
/// matrix is ½ of the Gauss–Newton matrix of L = Σ‖rₜ‖² (JᵀJ, the ENGD Gramian), so η = 1, μ = 0 is the
/// full K-FAC natural-gradient step.
/// <para>
/// Failures never throw and never move θ: a non-finite loss, gradient or factor stops with
/// <see cref="StopReason.NonFinite"/>; when no step size lowers the loss, the momentum is dropped and, if
/// the direction had no momentum in it, the damping is raised ×10 for the next step (stopping with
/// <see cref="StopReason.LineSearchFailed"/> above <see cref="KfacOptions.MaxDamping"/>, with
/// <see cref="StopReason.StepTolerance"/> when the full step no longer changes θ in float64).
/// </para>
/// <para>
/// KFAC* (<see cref="KfacOptions.Auto"/>): the update s = αΔ + μδ with (α, μ) minimising the exact Gauss–Newton
/// model over the new direction Δ and the previous update δ (<see cref="QuadraticModelStep"/>), no line search;
/// the update is taken only if it lowers the loss (else δ is dropped, and the damping raised when there was no δ).
/// </para>
/// </remarks>
public sealed class Kfac : IOptimizer, ICheckpointable
{
    private const double StepResolution = 4 * VectorMath.MachineEpsilon;
    private readonly GridLineSearch _lineSearch;
    private readonly DampingSchedule _damping;
    private readonly KroneckerAverage _average = new();
    private Tensor? _momentum;
    private bool _disposed;

    /// <summary>Creates K-FAC with the given (or default) options.</summary>
    public Kfac(KfacOptions? options = null)
    {
        Options = options ?? new KfacOptions();
        Options.Validate();
        _lineSearch = new GridLineSearch(Options.GridExponents);
        _damping = new DampingSchedule(Options.Damping, Options.MaxDamping);
    }

    /// <inheritdoc />
    public string Name => "kfac";

    /// <summary>The hyper-parameters.</summary>
    public KfacOptions Options { get; }

    /// <summary>The damping λ the next step will use.</summary>
    public double CurrentDamping => _damping.Current;

    /// <summary>Steps that moved θ.</summary>
    public long Iterations { get; private set; }

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var (kronecker, layers) = Require(objective, theta);
        using var scope = torch.NewDisposeScope();

        var evaluation = kronecker.KroneckerFactors(theta);
        var loss = evaluation.Loss;
        ThetaChecks.ValidateLike(theta, evaluation.Gradient, "the objective's gradient");
        var gradientNorm = VectorMath.Norm(evaluation.Gradient);
        if (StepGuard.NonFinite(loss, gradientNorm) is { } nonFinite)
        {
            return nonFinite;
        }
        if (gradientNorm == 0)
        {
            return new StepResult(loss, 1, 0, StopReason.GradientTolerance, "the gradient is exactly zero");
        }
        if (evaluation.Factors.Count != layers.Count)
        {
            throw new ArgumentException($"the objective returned factors for {evaluation.Factors.Count} layers but has {layers.Count}.", nameof(objective));
        }
        var merged = evaluation.Factors.Select(KroneckerInverse.Merge).ToArray();
        if (!merged.SelectMany(l => l).All(p => SymmetricSolve.AllFinite(p.Input) && SymmetricSolve.AllFinite(p.Output)))
        {
            return new StepResult(loss, 1, gradientNorm, StopReason.NonFinite, "non-finite Kronecker factors; θ left unchanged");
        }
        var restarted = _average.Update(merged, Options.MovingAverage, Options.InitializeToIdentity);

        var damping = CurrentDamping;
        var direction = Direction(layers, evaluation.Gradient, damping);
        if (!SymmetricSolve.AllFinite(direction))
        {
            return Fail(loss, 1, gradientNorm, damping, $"the Kronecker solve with damping {damping:G3} gave a non-finite direction");
        }
        if (Options.Auto)
        {
            return AutoStep((IResidualObjective)objective, theta, loss, evaluation.Gradient, direction, gradientNorm, damping, restarted);
        }
        return SearchStep(objective, theta, loss, direction, gradientNorm, damping, restarted);
    }

    /// <summary>The K-FAC direction (with momentum when configured) and the grid line search along it.</summary>
    private StepResult SearchStep(IObjective objective, Tensor theta, double loss, Tensor direction, double gradientNorm, double damping, string? restarted)
    {
        var withMomentum = _momentum is not null;
        if (Options.Momentum > 0)
        {
            using var _ = torch.no_grad();
            if (_momentum is null) _momentum = direction.clone().DetachFromDisposeScope();
            else _momentum.mul_(Options.Momentum).add_(direction);
        }
        var search = _lineSearch.Search(objective, theta, loss, _momentum ?? direction);
        var evaluations = 1 + search.Evaluations;
        if (search.Accepted)
        {
            Iterations++;
            _damping.Accepted(damping);
            return new StepResult(search.Loss, evaluations, gradientNorm, StopReason.None, restarted);
        }
        var searched = _momentum ?? direction;
        if (!withMomentum && VectorMath.MaxNorm(searched) <= StepResolution * VectorMath.MaxNorm(theta))
        {
            return new StepResult(loss, evaluations, gradientNorm, StopReason.StepTolerance,
                $"{search.Message}, and the full step no longer changes θ in float64; θ unchanged");
        }
        DropMomentum();
        if (withMomentum)
        {
            return new StepResult(loss, evaluations, gradientNorm, StopReason.None, $"{search.Message}; momentum dropped; θ unchanged");
        }
        return Fail(loss, evaluations, gradientNorm, damping, search.Message);
    }

    /// <summary>The objective as an <see cref="IKroneckerObjective"/> with its layers, checked against θ and the state kept.</summary>
    private (IKroneckerObjective Objective, IReadOnlyList<KroneckerLayer> Layers) Require(IObjective objective, Tensor theta)
    {
        ThetaChecks.Validate(objective, theta);
        if (objective is not IKroneckerObjective kronecker)
        {
            throw new ArgumentException(
                $"{Name} needs an objective implementing IKroneckerObjective (per-layer Kronecker factors); {objective.GetType().Name} does not.", nameof(objective));
        }
        if (Options.Auto && objective is not IResidualObjective)
        {
            throw new ArgumentException($"{Name}:auto=true (KFAC*) needs an objective implementing IResidualObjective for exact Gauss–Newton products; {objective.GetType().Name} does not.", nameof(objective));
        }
        var layers = kronecker.KroneckerLayers;
        KroneckerLayer.CheckCover(layers, theta.shape[0]);
        if (_momentum is not null) ThetaChecks.ValidateState(_momentum, theta);
        return (kronecker, layers);
    }

    /// <summary>KFAC*: θ ← θ + αΔ + μδ with (α, μ) from the quadratic model, kept only if the loss falls.</summary>
    private StepResult AutoStep(IResidualObjective objective, Tensor theta, double loss, Tensor gradient, Tensor direction, double gradientNorm, double damping, string? note)
    {
        var hadPrevious = _momentum is not null;
        var (step, momentum) = QuadraticModelStep.Solve(objective, theta, gradient * 0.5, direction, _momentum, damping);
        if (!double.IsFinite(step) || !double.IsFinite(momentum))
        {
            DropMomentum();
            return Fail(loss, 1, gradientNorm, damping, "the quadratic model has no minimum along the K-FAC direction");
        }
        var update = direction * step;
        if (_momentum is not null) update.add_(_momentum, momentum);
        var trial = theta + update;
        var value = objective.Value(trial);
        var message = $"KFAC*: α = {step:G4}, μ = {momentum:G4}: loss {loss:G6} → {value:G6}";
        if (double.IsFinite(value) && value < loss)
        {
            using (torch.no_grad()) theta.copy_(trial);
            DropMomentum();
            _momentum = update.DetachFromDisposeScope();
            Iterations++;
            _damping.Accepted(damping);
            return new StepResult(value, 3, gradientNorm, StopReason.None, note);
        }
        DropMomentum();
        return hadPrevious
            ? new StepResult(loss, 3, gradientNorm, StopReason.None, $"{message}; previous update dropped; θ unchanged")
            : Fail(loss, 3, gradientNorm, damping, message);
    }

    /// <summary>−(Σₜ (Bₜ + λI) ⊗ (Aₜ + λI))⁻¹ ½g, layer by layer, with the averaged factors.</summary>
    private Tensor Direction(IReadOnlyList<KroneckerLayer> layers, Tensor gradient, double damping)
    {
        using var scope = torch.NewDisposeScope();
        var direction = torch.zeros_like(gradient);
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var weight = gradient.narrow(0, layer.WeightOffset, (long)layer.Outputs * layer.Inputs).view(layer.Outputs, layer.Inputs);
            var bias = gradient.narrow(0, layer.BiasOffset, layer.Outputs).unsqueeze(1);
            var block = torch.cat([weight, bias], 1) * 0.5;
            var solved = KroneckerInverse.Solve(_average.Pairs(l), block, damping).neg_();
            direction.narrow(0, layer.WeightOffset, (long)layer.Outputs * layer.Inputs).copy_(solved.narrow(1, 0, layer.Inputs).reshape(-1));
            direction.narrow(0, layer.BiasOffset, layer.Outputs).copy_(solved.select(1, layer.Inputs));
        }
        return direction.MoveToOuterDisposeScope();
    }

    /// <summary>Forgets the factors, the momentum, the line search's step and the raised damping.</summary>
    public void Reset()
    {
        _average.Reset();
        DropMomentum();
        _lineSearch.Reset();
        _damping.Reset();
        Iterations = 0;
    }

    /// <inheritdoc />
    public OptimizerState SaveState()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var state = new OptimizerState(Name)
            .Set("iterations", Iterations)
            .Set("damping", CurrentDamping)
            .Set("line_search_exponent", _lineSearch.LastExponent)
            .Set("has_momentum", _momentum is null ? 0 : 1);
        if (_momentum is not null) state.Set("momentum", _momentum);
        _average.Save(state);
        return state;
    }

    /// <inheritdoc />
    public void LoadState(OptimizerState state)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        OptimizerState.Expect(state, Name);
        Reset();
        Iterations = state.Integer("iterations");
        _damping.Current = state.Number("damping");
        _lineSearch.LastExponent = (int)state.Integer("line_search_exponent");
        if (state.Flag("has_momentum")) _momentum = state.Tensor("momentum").DetachFromDisposeScope();
        _average.Load(state);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        Reset();
        _disposed = true;
    }

    private void DropMomentum()
    {
        _momentum?.Dispose();
        _momentum = null;
    }

    private StepResult Fail(double loss, int evaluations, double gradientNorm, double damping, string reason) =>
        _damping.Failed(loss, evaluations, gradientNorm, damping, reason);
}
