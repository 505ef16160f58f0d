using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The iteration that L-BFGS and the dense quasi-Newton methods share: the direction −Hg of an
/// <see cref="IInverseHessianApproximation"/>, a strong Wolfe line search along it, the update of H with the
/// accepted step, and the stop tests. It keeps θ, f and g of the current point between calls, so an iteration
/// costs only its line-search evaluations.
/// </summary>
/// <remarks>
/// Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., 2006: Algorithm 6.1 (the quasi-Newton
/// iteration) with the step from Algorithms 3.5/3.6 (<see cref="StrongWolfeLineSearch"/>), tried first at
/// α = 1, or at min(1, 1/‖g‖₁) along −g when H holds no curvature.
/// <para>
/// Restarts: a direction that is not a descent direction (gᵀd ≥ 0, H no longer positive definite in
/// float64) clears H and the step goes along −g; a failed line search along −Hg clears H and the next call
/// goes along −g. On every call the stored θ, objective and <see cref="IObjective.Revision"/> are compared
/// with the given ones: a different θ or objective starts afresh (H cleared, f and g recomputed); a changed
/// revision alone (resampled points, reweighted terms) recomputes f and g at θ and, when the approximation is
/// kept on revision, keeps H, otherwise clears it too. A stop is forgotten whenever f and g are recomputed.
/// </para>
/// </remarks>
internal sealed class LineSearchQuasiNewton(
    IInverseHessianApproximation model, StrongWolfeLineSearch lineSearch, QuasiNewtonStopRule stopRule, bool keepOnRevision)
    : IDisposable
{
    private IObjective? _objective;
    private long _revision;
    private Tensor? _point;
    private Tensor? _gradient;
    private double _loss = double.NaN;
    private double _gradientNorm = double.NaN;
    private bool _adoptObjective;
    private StopReason _stop;
    private string? _stopMessage;

    /// <summary>Accepted iterations since the last (re)start.</summary>
    public long Iterations { get; private set; }

    /// <summary>Why the iteration stopped, or <see cref="StopReason.None"/>.</summary>
    public StopReason Stop => _stop;

    /// <summary>One iteration on θ (in place).</summary>
    public StepResult Step(IObjective objective, Tensor theta)
    {
        ThetaChecks.Validate(objective, theta);
        using var scope = torch.NewDisposeScope();

        var evaluations = 0;
        var currency = Currency(objective, theta);
        if (currency != PointCurrency.Current)
        {
            if (currency == PointCurrency.Revised && keepOnRevision) Forget(); else Reset();
            evaluations = Start(objective, theta);
        }
        if (_stop != StopReason.None)
        {
            return new StepResult(_loss, evaluations, _gradientNorm, _stop, _stopMessage);
        }

        var steepest = model.IsEmpty;
        var direction = steepest ? _gradient!.neg() : model.Direction(_gradient!);
        var slope = VectorMath.Dot(_gradient!, direction);
        if (!steepest && !(slope < 0))
        {
            model.Clear();
            steepest = true;
            direction = _gradient!.neg();
            slope = VectorMath.Dot(_gradient!, direction);
        }
        var initialStep = steepest ? FirstStep(_gradient!) : 1;

        using var search = lineSearch.Search(objective, theta, _loss, _gradient!, direction, initialStep);
        evaluations += search.Evaluations;
        if (!search.Accepted)
        {
            if (!steepest)
            {
                model.Clear();
                return new StepResult(_loss, evaluations, _gradientNorm, StopReason.None,
                    $"line search along the {model.Label} direction failed ({search.Message}); {model.ClearedMessage}, next step restarts along −g");
            }
            return Halt(StopFor(search.Outcome), evaluations, $"line search along −g: {search.Message}");
        }

        return Advance(theta, search, slope, evaluations);
    }

    /// <summary>Forgets H, the stored point and any stop; the next call starts afresh.</summary>
    public void Reset()
    {
        model.Clear();
        Forget();
        _objective = null;
        Iterations = 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Reset();
        model.Dispose();
    }

    /// <summary>Writes the point, its loss and gradient, the counters and H.</summary>
    public OptimizerState Save(OptimizerState state, string modelPrefix)
    {
        state.Set("iterations", Iterations).Set("has_point", _point is null ? 0 : 1);
        if (_point is null) return state;
        state.Set("point", _point).Set("gradient", _gradient!).Set("loss", _loss).Set("gradient_norm", _gradientNorm)
             .Set("stop", (int)_stop).Set("revision", _revision);
        stopRule.Save(state);
        model.Save(state, modelPrefix);
        return state;
    }

    /// <summary>
    /// Replaces the state with a saved one. The next <see cref="Step"/> adopts its objective as the saved one when θ
    /// equals the saved point and the objective's revision matches, so H carries over.
    /// </summary>
    public void Load(OptimizerState state, string modelPrefix)
    {
        Reset();
        Iterations = state.Integer("iterations");
        if (!state.Flag("has_point")) return;
        _point = state.Tensor("point").DetachFromDisposeScope();
        _gradient = state.Tensor("gradient").DetachFromDisposeScope();
        _loss = state.Number("loss");
        _gradientNorm = state.Number("gradient_norm");
        stopRule.Load(state);
        _stop = (StopReason)state.Integer("stop");
        _stopMessage = _stop == StopReason.None ? null : $"stopped before the checkpoint ({_stop})";
        _revision = state.Integer("revision");
        model.Load(state, modelPrefix, _point.device);
        _adoptObjective = true;
    }

    private enum PointCurrency { Current, Revised, Other }

    /// <summary>Forgets the point, f, g, the stop and the stall count, but not H.</summary>
    private void Forget()
    {
        _point?.Dispose();
        _gradient?.Dispose();
        _point = null;
        _gradient = null;
        _loss = double.NaN;
        _gradientNorm = double.NaN;
        stopRule.Clear();
        _stop = StopReason.None;
        _stopMessage = null;
    }

    private PointCurrency Currency(IObjective objective, Tensor theta)
    {
        if (_adoptObjective && _point is not null && objective.Revision == _revision)
        {
            _objective = objective;   // restored from a checkpoint: the objective is a new object for the same function
        }
        _adoptObjective = false;
        var samePoint = _point is not null
            && ReferenceEquals(objective, _objective)
            && _point.shape[0] == theta.shape[0]
            && _point.device_type == theta.device_type
            && _point.device_index == theta.device_index
            && SameValues(_point, theta);
        if (!samePoint) return PointCurrency.Other;
        return objective.Revision == _revision ? PointCurrency.Current : PointCurrency.Revised;
    }

    private static bool SameValues(Tensor stored, Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        return stored.eq(theta).all().item<bool>();
    }

    private int Start(IObjective objective, Tensor theta)
    {
        var (loss, gradient) = ThetaChecks.ValueAndGradient(objective, theta);
        _objective = objective;
        _revision = objective.Revision;
        _point = theta.detach().clone().DetachFromDisposeScope();
        _gradient = gradient.detach().clone().DetachFromDisposeScope();
        _loss = loss;
        _gradientNorm = VectorMath.Norm(_gradient);
        var maxNorm = VectorMath.MaxNorm(_gradient);
        stopRule.Begin(maxNorm);
        if (StepGuard.NonFinite(loss, maxNorm, at: "at the starting point") is { } nonFinite)
        {
            SetStop(StopReason.NonFinite, nonFinite.Message!);
        }
        else if (stopRule.GradientSmallEnough(maxNorm))
        {
            SetStop(StopReason.GradientTolerance, $"‖g‖∞ = {maxNorm:G3} ≤ gtol = {stopRule.GradientTolerance:G3} at the starting point");
        }
        return 1;
    }

    private StepResult Advance(Tensor theta, LineSearchResult search, double slope, int evaluations)
    {
        var point = search.Point!;
        var gradient = search.Gradient!;
        var step = point.sub(_point!);
        model.Update(step, gradient.sub(_gradient!), search.Step, slope);

        var previousLoss = _loss;
        using (torch.no_grad())
        {
            theta.copy_(point);
            _point!.copy_(point);
            _gradient!.copy_(gradient);
        }
        _loss = search.Loss;
        _gradientNorm = VectorMath.Norm(_gradient);
        Iterations++;

        var (reason, message) = stopRule.Check(previousLoss, _loss, _gradient, step, _point);
        if (reason != StopReason.None) return Halt(reason, evaluations, message!);
        return new StepResult(_loss, evaluations, _gradientNorm, StopReason.None, search.Outcome == LineSearchOutcome.StrongWolfe ? null : search.Message);
    }

    private StepResult Halt(StopReason reason, int evaluations, string message)
    {
        SetStop(reason, message);
        return new StepResult(_loss, evaluations, _gradientNorm, reason, message);
    }

    private void SetStop(StopReason reason, string message)
    {
        _stop = reason;
        _stopMessage = message;
    }

    private static StopReason StopFor(LineSearchOutcome outcome) => outcome switch
    {
        LineSearchOutcome.LossResolution => StopReason.FunctionTolerance,
        LineSearchOutcome.StepResolution => StopReason.StepTolerance,
        _ => StopReason.LineSearchFailed,
    };

    /// <summary>min(1, 1/‖g‖₁): the first trial step along −g (kept positive if ‖g‖₁ overflows).</summary>
    private static double FirstStep(Tensor gradient)
    {
        using var scope = torch.NewDisposeScope();
        var l1 = gradient.abs().sum().item<double>();
        return Math.Max(Math.Min(1, 1 / l1), 1e-300);
    }
}
