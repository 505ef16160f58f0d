using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Limited-memory BFGS with a strong Wolfe line search, on the flat parameter vector. One
/// <see cref="Step"/> is one iteration: the quasi-Newton direction, then a line search.
/// </summary>
/// <remarks>
/// J. Nocedal and S. J. Wright, <i>Numerical Optimization</i>, 2nd ed., Springer 2006: Algorithm 7.5 (L-BFGS)
/// with H₀ = γI, γ = sᵀy / yᵀy (eq. 7.20); the product H g by the compact representation of Byrd, Nocedal and
/// Schnabel (1994), which equals Algorithm 7.4's two-loop recursion in exact arithmetic (see LbfgsHistory); step lengths from
/// <see cref="StrongWolfeLineSearch"/> (Algorithms 3.5/3.6), tried first at α = 1, or at
/// min(1, 1/‖g‖₁) along −g when the history is empty. A pair with sᵀy ≤ ε‖y‖² (ε = 2⁻⁵²) is skipped.
/// <para>
/// Between calls it keeps θ, f and g of the current point, so an iteration costs only its line-search
/// evaluations. On every call it compares θ against its stored copy, the objective against the previous
/// one and <see cref="IObjective.Revision"/> against the stored revision; if any changed it starts afresh
/// (history cleared, f and g recomputed). <see cref="Reset"/> forces the same. With
/// <see cref="LbfgsOptions.KeepHistory"/>, a new revision at the same θ (resampled points, updated weights: the same
/// equation estimated anew) only recomputes f and g and keeps the pairs, which still describe the curvature; no pair
/// is formed across the change, since s and y must come from one function.
/// </para>
/// <para>
/// Stops: <see cref="StopReason.GradientTolerance"/> when ‖g‖∞ ≤ <see cref="LbfgsOptions.GradientTolerance"/>
/// (max-norm); <see cref="StopReason.FunctionTolerance"/> after <see cref="LbfgsOptions.StallIterations"/>
/// stalled iterations or when losses along −g are below float64 resolution;
/// <see cref="StopReason.StepTolerance"/> when the step no longer changes θ in float64;
/// <see cref="StopReason.LineSearchFailed"/> when no acceptable step exists along −g. A failed line search
/// along a quasi-Newton direction first clears the history, and the next call retries along −g. After a
/// stop, further calls return the same result without changing θ.
/// </para>
/// </remarks>
public sealed class Lbfgs : IOptimizer, ICheckpointable, IStabilizable
{
    private readonly LbfgsHistory _history;
    private readonly StrongWolfeLineSearch _lineSearch;
    private IObjective? _objective;
    private long _revision;
    private Tensor? _point;
    private Tensor? _gradient;
    private double _loss = double.NaN;
    private double _gradientNorm = double.NaN;
    private double _lowestGradientMaxNorm = double.PositiveInfinity;
    private int _stalled;
    private StopReason _stop;
    private string? _stopMessage;
    private bool _disposed;

    /// <summary>Creates the optimizer with the given (or default) options.</summary>
    public Lbfgs(LbfgsOptions? options = null)
    {
        Options = options ?? new LbfgsOptions();
        Options.Validate();
        _history = new LbfgsHistory(Options.History);
        _lineSearch = new StrongWolfeLineSearch(new StrongWolfeOptions { MaxEvaluations = Options.MaxEvaluationsPerStep });
    }

    /// <inheritdoc />
    public string Name => "lbfgs";

    /// <summary>The parameters.</summary>
    public LbfgsOptions Options { get; }

    /// <summary>Curvature pairs currently stored.</summary>
    public int HistoryCount => _history.Count;

    /// <summary>Accepted iterations since the last (re)start.</summary>
    public long Iterations { get; private set; }

    /// <summary>Why the optimizer stopped, or <see cref="StopReason.None"/>.</summary>
    public StopReason Stop => _stop;

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ParameterVector.Validate(objective, theta);
        using var scope = torch.NewDisposeScope();

        var evaluations = 0;
        if (!IsCurrent(objective, theta))
        {
            if (Options.KeepHistory && IsSamePointNewRevision(objective, theta))
            {
                Forget();
            }
            else
            {
                Reset();
            }
            evaluations = Start(objective, theta);
        }
        if (_stop != StopReason.None)
        {
            return new StepResult(_loss, evaluations, _gradientNorm, _stop, _stopMessage);
        }

        var steepest = _history.Count == 0;
        var direction = steepest ? _gradient!.neg() : _history.Direction(_gradient!);
        if (!steepest && !(ParameterVector.Dot(_gradient!, direction) < 0))
        {
            _history.Clear();
            steepest = true;
            direction = _gradient!.neg();
        }
        var initialStep = steepest ? FirstStep(_gradient!) : 1;

        using var search = _lineSearch.Search(objective, theta, _loss, _gradient!, direction, initialStep);
        evaluations += search.Evaluations;
        if (!search.Accepted)
        {
            if (!steepest)
            {
                _history.Clear();
                return new StepResult(_loss, evaluations, _gradientNorm, StopReason.None,
                    $"line search along the L-BFGS direction failed ({search.Message}); history cleared, next step restarts along −g");
            }
            return Halt(StopFor(search.Outcome), evaluations, $"line search along −g: {search.Message}");
        }

        return Advance(theta, search, evaluations);
    }

    /// <summary>Forgets the history, the stored point and any stop; the next call starts afresh.</summary>
    public void Reset()
    {
        _history.Clear();
        Forget();
        Iterations = 0;
    }

    /// <summary>Forgets the stored point, its loss and gradient and any stop, but keeps the curvature pairs.</summary>
    private void Forget()
    {
        _point?.Dispose();
        _gradient?.Dispose();
        _point = null;
        _gradient = null;
        _objective = null;
        _loss = double.NaN;
        _gradientNorm = double.NaN;
        _lowestGradientMaxNorm = double.PositiveInfinity;
        _stalled = 0;
        _stop = StopReason.None;
        _stopMessage = null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        Reset();
        _history.Dispose();
        _disposed = true;
    }

    /// <inheritdoc />
    public OptimizerState SaveState()
    {
        var state = new OptimizerState(Name)
            .Set("iterations", Iterations)
            .Set("has_point", _point is null ? 0 : 1);
        if (_point is null) return state;
        state.Set("point", _point).Set("gradient", _gradient!).Set("loss", _loss).Set("gradient_norm", _gradientNorm)
             .Set("lowest_gradient_max_norm", _lowestGradientMaxNorm).Set("stalled", _stalled)
             .Set("stop", (int)_stop).Set("revision", _revision);
        _history.Save(state, "history");
        return state;
    }

    /// <inheritdoc />
    /// <remarks>The next <see cref="Step"/> adopts its objective as the saved one when θ equals the saved point
    /// and the objective's revision matches, so the history carries over.</remarks>
    public void LoadState(OptimizerState state)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(state);
        state.ExpectOptimizer(Name);
        Reset();
        Iterations = state.Integer("iterations");
        if (!state.Flag("has_point")) return;
        _point = state.Tensor("point").DetachFromDisposeScope();
        _gradient = state.Tensor("gradient").DetachFromDisposeScope();
        _loss = state.Number("loss");
        _gradientNorm = state.Number("gradient_norm");
        _lowestGradientMaxNorm = state.Number("lowest_gradient_max_norm");
        _stalled = (int)state.Integer("stalled");
        _stop = (StopReason)state.Integer("stop");
        _stopMessage = _stop == StopReason.None ? null : $"stopped before the checkpoint ({_stop})";
        _revision = state.Integer("revision");
        _history.Load(state, "history", _point.device);
        _adoptObjective = true;
    }

    /// <inheritdoc />
    public string Stabilize()
    {
        Reset();
        return "L-BFGS history cleared; restarting along −g";
    }

    private bool _adoptObjective;

    private bool IsCurrent(IObjective objective, Tensor theta)
    {
        if (_adoptObjective && _point is not null && objective.Revision == _revision)
        {
            _objective = objective;   // restored from a checkpoint: the objective is a new object for the same function
        }
        _adoptObjective = false;
        return IsCurrentPoint(objective, theta);
    }

    private bool IsCurrentPoint(IObjective objective, Tensor theta) =>
        _point is not null
        && ReferenceEquals(objective, _objective)
        && objective.Revision == _revision
        && _point.shape[0] == theta.shape[0]
        && _point.device_type == theta.device_type
        && _point.device_index == theta.device_index
        && SameValues(_point, theta);

    /// <summary>θ is the stored point and the objective the same object, but its function has changed (a new revision).</summary>
    private bool IsSamePointNewRevision(IObjective objective, Tensor theta) =>
        _point is not null
        && ReferenceEquals(objective, _objective)
        && objective.Revision != _revision
        && _point.shape[0] == theta.shape[0]
        && _point.device_type == theta.device_type
        && _point.device_index == theta.device_index
        && SameValues(_point, theta);

    private static bool SameValues(Tensor stored, Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        return stored.eq(theta).all().item<bool>();
    }

    private int Start(IObjective objective, Tensor theta)
    {
        var (loss, gradient) = ParameterVector.ValueAndGradient(objective, theta);
        _objective = objective;
        _revision = objective.Revision;
        _point = theta.detach().clone().DetachFromDisposeScope();
        _gradient = gradient.detach().clone().DetachFromDisposeScope();
        _loss = loss;
        _gradientNorm = ParameterVector.Norm(_gradient);
        var maxNorm = ParameterVector.MaxNorm(_gradient);
        _lowestGradientMaxNorm = maxNorm;
        if (!double.IsFinite(loss) || !double.IsFinite(maxNorm))
        {
            SetStop(StopReason.NonFinite, $"non-finite {(double.IsFinite(loss) ? "gradient" : "loss")} at the starting point; θ left unchanged");
        }
        else if (maxNorm <= Options.GradientTolerance)
        {
            SetStop(StopReason.GradientTolerance, $"‖g‖∞ = {maxNorm:G3} ≤ gtol = {Options.GradientTolerance:G3} at the starting point");
        }
        return 1;
    }

    private StepResult Advance(Tensor theta, LineSearchResult search, int evaluations)
    {
        var point = search.Point!;
        var gradient = search.Gradient!;
        var step = point.sub(_point!);
        _history.TryAdd(step, gradient.sub(_gradient!));

        var previousLoss = _loss;
        using (torch.no_grad())
        {
            theta.copy_(point);
            _point!.copy_(point);
            _gradient!.copy_(gradient);
        }
        _loss = search.Loss;
        _gradientNorm = ParameterVector.Norm(_gradient);
        Iterations++;

        var maxNorm = ParameterVector.MaxNorm(_gradient);
        var stepMaxNorm = ParameterVector.MaxNorm(step);
        var decrease = previousLoss - _loss;
        var scale = Math.Max(Math.Max(Math.Abs(previousLoss), Math.Abs(_loss)), double.Epsilon);
        var newLow = maxNorm < _lowestGradientMaxNorm;
        _lowestGradientMaxNorm = Math.Min(_lowestGradientMaxNorm, maxNorm);
        _stalled = decrease <= Options.FunctionTolerance * scale && !newLow ? _stalled + 1 : 0;

        if (maxNorm <= Options.GradientTolerance)
        {
            return Halt(StopReason.GradientTolerance, evaluations, $"‖g‖∞ = {maxNorm:G3} ≤ gtol = {Options.GradientTolerance:G3}");
        }
        if (stepMaxNorm <= ParameterVector.MachineEpsilon * ParameterVector.MaxNorm(_point))
        {
            return Halt(StopReason.StepTolerance, evaluations, $"step ‖s‖∞ = {stepMaxNorm:G3} no longer changes θ in float64");
        }
        if (_stalled >= Options.StallIterations)
        {
            return Halt(StopReason.FunctionTolerance, evaluations,
                $"loss changed by at most ftol = {Options.FunctionTolerance:G3} (relative) and ‖g‖∞ made no new low for {_stalled} iterations");
        }
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
