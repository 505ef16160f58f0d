using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Levenberg–Marquardt for L(θ) = ‖r(θ)‖²: solve (JᵀJ + μD) h = −Jᵀr, accept θ + h when the gain ratio is
/// positive, and adapt μ by Nielsen's rule. Optionally with geodesic acceleration.
/// </summary>
/// <remarks>
/// K. Madsen, H. B. Nielsen and O. Tingleff, "Methods for non-linear least squares problems", 2nd ed.,
/// IMM, DTU, 2004, §3.2, Algorithm 3.16. The book's F = ½‖r‖² is half of L, so its gain ratio
/// ρ = (F(θ) − F(θ + h)) / (½ hᵀ(μh − g)) reads here ρ = (L(θ) − L(θ + h)) / (hᵀ(μDh − g)) with g = Jᵀr:
/// hᵀ(μDh − g) = ‖r‖² − ‖r + Jh‖² is the decrease the linear model predicts for L. If ρ &gt; 0:
/// θ ← θ + h, μ ← μ·max(1/3, 1 − (2ρ − 1)³), ν ← 2; else μ ← μν, ν ← 2ν and θ is unchanged (the
/// linearisation at θ is kept, so the retry costs no new Jacobian). μ₀ = τ·max diag(JᵀJ) for D = I,
/// τ for D = diag(JᵀJ) (<see cref="LevenbergMarquardtScaling"/>).
/// <para>
/// Geodesic acceleration (M. K. Transtrum and J. P. Sethna, "Improvements to the Levenberg–Marquardt
/// algorithm for nonlinear least-squares minimization", arXiv:1201.5885, 2012, §3): with the velocity
/// v = h, the second directional derivative r_vv ≈ (2/p)[(r(θ + p v) − r(θ))/p − Jv] (p = 0.1, one more
/// residual evaluation), the acceleration a solves (JᵀJ + μD) a = −Jᵀr_vv, and the step v + a/2 is tried
/// only when 2‖a‖/‖v‖ ≤ α = 0.75 (else it counts as a rejection); its predicted decrease is then that of
/// the linear model, ‖r‖² − ‖r + Js‖².
/// </para>
/// <para>
/// Stops (never throws on a singular system; the solve falls back to a pseudo-inverse):
/// <see cref="StopReason.GradientTolerance"/> when ‖∇L‖∞ ≤ gtol·max(1, ‖∇L(θ₁)‖∞);
/// <see cref="StopReason.StepTolerance"/> when ‖h‖ ≤ x(‖θ‖ + x), x = 1e-15 (the book's eq. 3.4b at
/// float64 resolution); <see cref="StopReason.LineSearchFailed"/> when rejections raise μ above 1e30;
/// <see cref="StopReason.NonFinite"/> when r or Jᵀr at θ is not finite. Stops are not latched.
/// </para>
/// </remarks>
public sealed class LevenbergMarquardt : IOptimizer, ICheckpointable, IStabilizable
{
    private const double MinimumDamping = 1e-300;
    private readonly LinearizationCache _linearization = new();
    private readonly NielsenDamping _damping = new(MinimumDamping);
    private double? _gradientScale;
    private bool _disposed;

    /// <summary>Creates the optimizer with the given (or default) options.</summary>
    public LevenbergMarquardt(LevenbergMarquardtOptions? options = null)
    {
        Options = options ?? new LevenbergMarquardtOptions();
        Options.Validate();
    }

    /// <inheritdoc />
    public string Name => "lm";

    /// <summary>The parameters.</summary>
    public LevenbergMarquardtOptions Options { get; }

    /// <summary>The damping μ of the next step (null before the first).</summary>
    public double? Damping => _damping.Mu;

    /// <summary>Accepted steps since construction or <see cref="Reset"/>.</summary>
    public long Iterations { get; private set; }

    /// <inheritdoc />
    /// <remarks>The linearisation at θ is not saved: the first step after a restore recomputes it (the same values).</remarks>
    public OptimizerState SaveState()
    {
        var state = new OptimizerState(Name).Set("iterations", Iterations).Set("growth", _damping.Growth);
        if (_damping.Mu is double damping) state.Set("damping", damping);
        if (_gradientScale is double scale) state.Set("gradient_scale", scale);
        return state;
    }

    /// <inheritdoc />
    public void LoadState(OptimizerState state)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        OptimizerState.Expect(state, Name);
        Reset();
        Iterations = state.Integer("iterations");
        _damping.Growth = state.Number("growth");
        _damping.Mu = state.Has("damping") ? state.Number("damping") : null;
        _gradientScale = state.Has("gradient_scale") ? state.Number("gradient_scale") : null;
    }

    /// <inheritdoc />
    public string Stabilize()
    {
        var before = _damping.Mu;
        _damping.Mu = before is double mu ? 10 * mu : null;
        return before is double old ? $"damping μ {old:G3} → {_damping.Mu:G3}" : "damping re-initialised";
    }

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var residualObjective = LeastSquares.Require(objective, Name);
        ThetaChecks.Validate(objective, theta);
        using var scope = torch.NewDisposeScope();

        var evaluations = 0;
        if (!_linearization.Matches(objective, theta))
        {
            _linearization.Refresh(residualObjective, theta, keepJacobian: Options.GeodesicAcceleration);
            evaluations = 1;
        }
        var loss = _linearization.Loss;
        var halfGradient = _linearization.HalfGradient!;
        var gramian = _linearization.Gramian!;
        var gradientNorm = 2 * VectorMath.Norm(halfGradient);
        if (StopAtLinearization(loss, halfGradient, gradientNorm, evaluations) is { } stop) return stop;

        var scaling = DampingScale(gramian);
        var mu = _damping.Mu ??= InitialDamping(gramian);
        var system = gramian.clone();
        system.diagonal().add_(scaling, mu);
        var (velocity, solve) = SymmetricSolve.Solve(system, halfGradient.neg());
        if (!solve.Succeeded || !SymmetricSolve.AllFinite(velocity))
        {
            return Reject(loss, evaluations, gradientNorm, $"the solve failed ({solve.Exit}: {solve.Message})");
        }
        var velocityNorm = VectorMath.Norm(velocity);
        var thetaNorm = VectorMath.Norm(theta);
        var x = Options.StepTolerance;
        if (velocityNorm <= x * (thetaNorm + x))
        {
            return new StepResult(loss, evaluations, gradientNorm, StopReason.StepTolerance,
                $"‖h‖ = {velocityNorm:G3} ≤ {x:G3}·(‖θ‖ + {x:G3}) with μ = {mu:G3}: the step no longer changes θ in float64");
        }

        var step = velocity;
        double predicted;
        if (Options.GeodesicAcceleration)
        {
            var (acceleration, ratio) = Accelerate(residualObjective, theta, system, velocity, velocityNorm);
            evaluations++;
            if (acceleration is null || !(ratio <= Options.AccelerationRatio))
            {
                return Reject(loss, evaluations, gradientNorm, acceleration is null
                    ? "the second directional derivative of r along h is not finite"
                    : $"geodesic acceleration too large (2‖a‖/‖v‖ = {ratio:G3} > {Options.AccelerationRatio:G3})");
            }
            step = velocity.add(acceleration, 0.5);
            var image = _linearization.Jacobian!.mv(step);
            predicted = -2 * step.dot(halfGradient).item<double>() - image.dot(image).item<double>();
        }
        else
        {
            predicted = velocity.dot(velocity.mul(scaling).mul_(mu).sub_(halfGradient)).item<double>();
        }

        return Try(residualObjective, theta, step, predicted, mu, loss, evaluations, gradientNorm);
    }

    /// <summary>The stop at the current linearisation: a non-finite loss or gradient, or ‖∇L‖∞ below the tolerance (relative to the first step's); null to go on.</summary>
    private StepResult? StopAtLinearization(double loss, Tensor halfGradient, double gradientNorm, int evaluations)
    {
        var gradientMax = 2 * VectorMath.MaxNorm(halfGradient);
        if (StepGuard.NonFinite(loss, gradientMax, gradient: "gradient 2Jᵀr", loss: "loss ‖r‖²", evaluations: evaluations) is { } nonFinite)
        {
            return nonFinite with { GradientNorm = gradientNorm };
        }
        _gradientScale ??= Math.Max(1, gradientMax);
        var gradientTarget = Options.GradientTolerance * _gradientScale.Value;
        return gradientMax <= gradientTarget
            ? new StepResult(loss, evaluations, gradientNorm, StopReason.GradientTolerance, $"‖∇L‖∞ = {gradientMax:G3} ≤ {gradientTarget:G3}")
            : null;
    }

    /// <summary>Evaluates θ + h; accepts it (θ moved, μ lowered by the gain ratio) or rejects it (μ raised).</summary>
    private StepResult Try(IResidualObjective objective, Tensor theta, Tensor step, double predicted, double mu, double loss, int evaluations, double gradientNorm)
    {
        var trial = theta.add(step);
        var trialLoss = LeastSquares.Loss(objective, trial);
        evaluations++;
        var gain = predicted > 0 && double.IsFinite(trialLoss) ? (loss - trialLoss) / predicted : double.NegativeInfinity;
        if (!(gain > 0))
        {
            return Reject(loss, evaluations, gradientNorm, $"step rejected (gain ratio {gain:G3}, loss {loss:G6} → {trialLoss:G6})");
        }

        using (torch.no_grad())
        {
            theta.copy_(trial);
        }
        _linearization.Clear();
        _damping.Accepted(mu, gain);
        Iterations++;
        return new StepResult(trialLoss, evaluations, gradientNorm);
    }

    /// <summary>Forgets the damping, the stored linearisation and the gradient scale.</summary>
    public void Reset()
    {
        _linearization.Clear();
        _damping.Reset();
        _gradientScale = null;
        Iterations = 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        Reset();
        _linearization.Dispose();
        _disposed = true;
    }

    /// <summary>Transtrum–Sethna acceleration a for velocity v, and 2‖a‖/‖v‖; a is null if r_vv is not finite.</summary>
    private (Tensor? Acceleration, double Ratio) Accelerate(
        IResidualObjective objective, Tensor theta, Tensor system, Tensor velocity, double velocityNorm)
    {
        var p = Options.AccelerationProbe;
        var probe = LeastSquares.Residuals(objective, theta.add(velocity, p));
        var curvature = probe.sub(_linearization.Residuals!).div_(p).sub_(_linearization.Jacobian!.mv(velocity)).mul_(2 / p);
        if (!SymmetricSolve.AllFinite(curvature))
        {
            return (null, double.NaN);
        }
        var (acceleration, _) = SymmetricSolve.Solve(system, _linearization.Jacobian!.t().mv(curvature).neg_());
        return (acceleration, 2 * VectorMath.Norm(acceleration) / velocityNorm);
    }

    private StepResult Reject(double loss, int evaluations, double gradientNorm, string reason)
    {
        var mu = _damping.Mu!.Value;
        var raised = _damping.Rejected(mu);
        if (raised > Options.MaxDamping)
        {
            return new StepResult(loss, evaluations, gradientNorm, StopReason.LineSearchFailed,
                $"{reason}; μ = {raised:G3} exceeds {Options.MaxDamping:G3}: no damped step lowers the loss at float64 resolution; θ unchanged");
        }
        return new StepResult(loss, evaluations, gradientNorm, StopReason.None, $"{reason}; μ {mu:G3} → {raised:G3}; θ unchanged");
    }

    /// <summary>The diagonal of D: ones, or diag(JᵀJ) floored at ε·max diag(JᵀJ).</summary>
    private Tensor DampingScale(Tensor gramian)
    {
        var diagonal = gramian.diagonal();
        if (Options.Scaling == LevenbergMarquardtScaling.Identity)
        {
            return torch.ones_like(diagonal);
        }
        var floor = Math.Max(VectorMath.MachineEpsilon * diagonal.max().item<double>(), MinimumDamping);
        return diagonal.clamp_min(floor);
    }

    private double InitialDamping(Tensor gramian)
    {
        var tau = Options.InitialDampingFactor;
        if (Options.Scaling == LevenbergMarquardtScaling.Diagonal)
        {
            return tau;
        }
        using var scope = torch.NewDisposeScope();
        return Math.Max(tau * gramian.diagonal().max().item<double>(), MinimumDamping);
    }
}
