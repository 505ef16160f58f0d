using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The step shared by the Gauss–Newton family on L(θ) = ‖r(θ)‖²: a direction d from a damped Gramian solve
/// (supplied by the subclass: <see cref="Engd"/> in parameter space, <see cref="EngdNystrom"/> matrix-free by
/// preconditioned CG, <see cref="EngdWoodbury"/> in residual
/// space), then θ ← θ − η d with η from a <see cref="GridLineSearch"/>.
/// </summary>
/// <remarks>
/// One <see cref="Step"/>: one <see cref="IResidualObjective.ResidualsAndJacobian"/> and the line-search
/// values. With g = Jᵀr (half the gradient ∇L = 2Jᵀr), the direction solves (JᵀJ + λI) d = g, so η = 1 is
/// the full Gauss–Newton step (J. Müller and M. Zeinhofer, ICML 2023, eq. (9): for their loss ½‖r‖² the
/// natural gradient G⁺∇L is the same d).
/// <para>
/// Failures never throw and never move θ. If the solve fails or no step lowers the loss, the damping λ is
/// raised ×10 (from 0 to 1e-10) for the next step and the result's message says so; after a success it
/// falls back ÷10 towards <see cref="GramianOptions.Damping"/>. The optimizer stops with
/// <see cref="StopReason.LineSearchFailed"/> once λ would exceed <see cref="GramianOptions.MaxDamping"/>, with
/// <see cref="StopReason.StepTolerance"/> when a failed full step no longer changes θ in float64
/// (‖d‖∞ ≤ 4ε‖θ‖∞), with <see cref="StopReason.FunctionTolerance"/> when no step lowers the loss and
/// the Gauss–Newton model predicts a decrease 2dᵀg − ‖Jd‖² below 16ε·L (float64 resolution of the loss),
/// with <see cref="StopReason.GradientTolerance"/> when Jᵀr = 0 exactly, and with
/// <see cref="StopReason.NonFinite"/> when r or Jᵀr is not finite. Stops are not latched: a later call
/// starts over from the current θ, keeping the damping.
/// </para>
/// </remarks>
public abstract class GramianOptimizer : IOptimizer, ICheckpointable, IStabilizable
{
    private const double LossResolution = 16 * VectorMath.MachineEpsilon;
    private const double StepResolution = 4 * VectorMath.MachineEpsilon;
    private readonly GridLineSearch _lineSearch;
    private readonly DampingSchedule _damping;
    private bool _disposed;

    private protected GramianOptimizer(string name, GramianOptions options)
    {
        Name = name;
        Options = options;
        Options.Validate();
        _lineSearch = new GridLineSearch(Options.GridExponents);
        _damping = new DampingSchedule(Options.Damping, Options.MaxDamping);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The parameters.</summary>
    public GramianOptions Options { get; }

    /// <summary>The damping λ the next step will use.</summary>
    public double CurrentDamping => _damping.Current;

    /// <summary>Steps that moved θ since construction or <see cref="Reset"/>.</summary>
    public long Iterations { get; private set; }

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var residualObjective = LeastSquares.Require(objective, Name);
        ThetaChecks.Validate(objective, theta);
        ValidateState(residualObjective, theta);
        using var scope = torch.NewDisposeScope();

        var (residuals, jacobian) = LeastSquares.Evaluate(residualObjective, theta);
        var loss = LeastSquares.SquaredNorm(residuals);
        var halfGradient = jacobian.t().mv(residuals);
        var gradientNorm = 2 * VectorMath.Norm(halfGradient);
        if (StepGuard.NonFinite(loss, gradientNorm, gradient: "gradient 2Jᵀr", loss: "loss ‖r‖²") is { } nonFinite)
        {
            return nonFinite;
        }
        if (gradientNorm == 0)
        {
            return new StepResult(loss, 1, 0, StopReason.GradientTolerance,
                loss == 0 ? "r = 0: the loss is exactly zero" : "Jᵀr = 0 exactly: θ is a stationary point");
        }

        var damping = CurrentDamping;
        var (direction, solve) = ComputeDirection(residualObjective, residuals, jacobian, halfGradient, damping);
        if (!solve.Succeeded || !SymmetricSolve.AllFinite(direction))
        {
            return Fail(loss, 1, gradientNorm, damping, $"the solve with damping {damping:G3} failed ({solve.Exit}: {solve.Message})");
        }

        var search = _lineSearch.Search(objective, theta, loss, direction.neg());
        var evaluations = 1 + search.Evaluations;
        if (search.Accepted)
        {
            Iterations++;
            _damping.Accepted(damping);
            var note = damping > Options.Damping ? $"{search.Message}; damping {damping:G3} → {CurrentDamping:G3}" : null;
            return new StepResult(search.Loss, evaluations, gradientNorm, StopReason.None, note);
        }
        if (VectorMath.MaxNorm(direction) <= StepResolution * VectorMath.MaxNorm(theta))
        {
            return new StepResult(loss, evaluations, gradientNorm, StopReason.StepTolerance,
                $"{search.Message}, and the full step ‖d‖∞ = {VectorMath.MaxNorm(direction):G3} no longer changes θ in float64; θ unchanged");
        }
        var predicted = PredictedDecrease(jacobian, halfGradient, direction);
        if (predicted <= LossResolution * loss)
        {
            return new StepResult(loss, evaluations, gradientNorm, StopReason.FunctionTolerance,
                $"{search.Message}, and the Gauss–Newton model predicts a decrease of only {predicted:G3}, below the float64 resolution of the loss; θ unchanged");
        }
        return Fail(loss, evaluations, gradientNorm, damping, search.Message);
    }

    private StepResult Fail(double loss, int evaluations, double gradientNorm, double damping, string reason) =>
        _damping.Failed(loss, evaluations, gradientNorm, damping, reason, ", so no damped Gauss–Newton step lowers the loss");

    /// <summary>Restores the configured damping and forgets any state (e.g. a moving-average Gramian).</summary>
    public virtual void Reset()
    {
        _damping.Reset();
        Iterations = 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        Reset();
        _disposed = true;
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public OptimizerState SaveState()
    {
        var state = new OptimizerState(Name)
            .Set("damping", CurrentDamping)
            .Set("iterations", Iterations)
            .Set("line_search_exponent", _lineSearch.LastExponent);
        SaveExtraState(state);
        return state;
    }

    /// <inheritdoc />
    public void LoadState(OptimizerState state)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        OptimizerState.Expect(state, Name);
        Reset();
        _damping.Current = state.Number("damping");
        Iterations = state.Integer("iterations");
        _lineSearch.LastExponent = (int)state.Integer("line_search_exponent");
        LoadExtraState(state);
    }

    /// <inheritdoc />
    public string Stabilize()
    {
        var note = _damping.Raise();
        _lineSearch.Reset();
        return note;
    }

    /// <summary>Adds the state a subclass keeps between steps (e.g. a moving-average Gramian).</summary>
    private protected virtual void SaveExtraState(OptimizerState state)
    {
    }

    /// <summary>Restores what <see cref="SaveExtraState"/> wrote (called after <see cref="Reset"/>).</summary>
    private protected virtual void LoadExtraState(OptimizerState state)
    {
    }

    /// <summary>The direction d (θ − η d is tried) and the report of its solve, for damping λ.</summary>
    /// <param name="objective">The objective of this step (for structure such as <see cref="IParameterBlocks"/>).</param>
    /// <param name="residuals">r, [M].</param>
    /// <param name="jacobian">J, [M, P].</param>
    /// <param name="halfGradient">g = Jᵀr, [P].</param>
    /// <param name="damping">λ ≥ 0.</param>
    private protected abstract (Tensor Direction, SolveReport Report) ComputeDirection(
        IResidualObjective objective, Tensor residuals, Tensor jacobian, Tensor halfGradient, double damping);

    /// <summary>Checks the objective and θ against the optimizer's requirements and the state kept between
    /// steps, before anything is evaluated; throws ArgumentException on a mismatch.</summary>
    private protected virtual void ValidateState(IResidualObjective objective, Tensor theta)
    {
    }

    /// <summary>m(0) − m(−d) for the model m(s) = ‖r + Js‖²: 2dᵀg − ‖Jd‖².</summary>
    private static double PredictedDecrease(Tensor jacobian, Tensor halfGradient, Tensor direction)
    {
        using var scope = torch.NewDisposeScope();
        var image = jacobian.mv(direction);
        return 2 * direction.dot(halfGradient).item<double>() - image.dot(image).item<double>();
    }

}
