using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// NysNewton-CG (NNCG): a damped Newton step d solving (H + μI) d = g by conjugate gradients preconditioned
/// with a randomized Nyström approximation of the Hessian H, then θ ← θ − t d with t from Armijo backtracking.
/// </summary>
/// <remarks>
/// P. Rathore, W. Lei, Z. Frangella, L. Lu and M. Udell, "Challenges in training PINNs: a loss landscape
/// perspective", ICML 2024, Algorithm 3 (NNCG) with Algorithm 2 (Nyström PCG): exact Hessian-vector products
/// (<see cref="ITwiceDifferentiableObjective"/>), a rank-ℓ Nyström approximation Û Λ̂ Ûᵀ of H rebuilt every F
/// steps (<see cref="NystromApproximation"/>; between rebuilds it belongs to an earlier θ, still a valid
/// preconditioner), the preconditioner P⁻¹ = (λ̂_ℓ + μ) Û (Λ̂ + μI)⁻¹ Ûᵀ + (I − ÛÛᵀ) (Frangella, Tropp and
/// Udell 2023, eq. (5.3)), CG warm-started from the previous d with the absolute tolerance ‖g − (H + μI)d‖ ≤
/// 10⁻¹⁶ and at most 1000 iterations, and Armijo backtracking f(θ − td) ≤ f(θ) − c t gᵀd from t = 1 with
/// c = 0.1 and factor ½. One step costs one <see cref="ITwiceDifferentiableObjective.Expand"/> (the graph is
/// kept for all products of the step), the CG products, ℓ more products at a rebuild, and the line search's
/// loss values.
/// <para>
/// H of a PINN loss is indefinite away from a minimum. The Nyström sketch then approximates the positive part
/// (the eigenvalue shift of the reference code, <c>allowIndefinite</c>), and CG, which needs H + μI positive
/// definite, stops at the first direction p with pᵀ(H + μI)p ≤ 0 and returns its last iterate, which for a
/// start at 0 is a descent direction (the truncated-Newton rule of R. S. Dembo and T. Steihaug, Math.
/// Program. 26 (1983)). If the result is still no descent direction (gᵀd ≤ 0, e.g. a warm start from a
/// direction that stopped being one, or negative curvature at the first CG iteration), the solve is repeated
/// from 0, and if that gives d = 0 too the step falls back to the preconditioned gradient d = P⁻¹g, which is a
/// descent direction because P⁻¹ is positive definite. The reference code does not guard this (it only warns);
/// here the step never goes uphill.
/// </para>
/// <para>
/// Failures never throw and never move θ: a non-finite loss or gradient stops with
/// <see cref="StopReason.NonFinite"/>, g = 0 exactly with <see cref="StopReason.GradientTolerance"/>, and a line
/// search that finds no Armijo point in <see cref="NncgOptions.MaxTrials"/> trials with
/// <see cref="StopReason.LineSearchFailed"/> (the warm start is dropped; the stop is not latched).
/// </para>
/// </remarks>
public sealed class Nncg : IOptimizer, ICheckpointable
{
    private NystromApproximation? _approximation;
    private Tensor? _warmStart;
    private long _builds;
    private int _stepsSinceBuild;
    private bool _disposed;

    /// <summary>Creates NNCG with the given (or default) options.</summary>
    public Nncg(NncgOptions? options = null)
    {
        Options = options ?? new NncgOptions();
        Options.Validate();
    }

    /// <inheritdoc />
    public string Name => "nncg";

    /// <summary>The hyper-parameters.</summary>
    public NncgOptions Options { get; }

    /// <summary>Steps taken (including rejected ones) since construction or <see cref="Reset"/>.</summary>
    public long StepCount { get; private set; }

    /// <summary>The report of the last CG solve (null before the first).</summary>
    public SolveReport? LastSolve { get; private set; }

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var twice = SecondOrderExpansion.Require(objective, Name);
        ThetaChecks.Validate(objective, theta);
        ValidateState(theta);
        using var scope = torch.NewDisposeScope();
        using var expansion = SecondOrderExpansion.Expand(twice, theta);
        var (loss, gradient) = (expansion.Loss, expansion.Gradient);
        var gradientNorm = VectorMath.Norm(gradient);
        StepCount++;
        if (StepGuard.CannotStep(loss, gradientNorm, StepCount) is { } noStep)
        {
            return noStep;
        }

        var note = RefreshPreconditioner(expansion.Hessian, theta.device);
        var (direction, directionNote) = Direction(expansion.Hessian, gradient);
        note = Join(note, directionNote);
        var slope = VectorMath.Dot(gradient, direction);

        // Armijo backtracking from t = 1 (Rathore et al. 2024, Algorithm 3).
        var stepSize = 1.0;
        var evaluations = 1;
        using var trial = torch.empty_like(theta);
        for (var attempt = 0; attempt < Options.MaxTrials; attempt++, stepSize *= Options.BacktrackFactor)
        {
            trial.copy_(theta).add_(direction, -stepSize);
            var trialLoss = objective.Value(trial);
            evaluations++;
            if (double.IsFinite(trialLoss) && trialLoss <= loss - Options.ArmijoConstant * stepSize * slope)
            {
                theta.copy_(trial);
                _warmStart?.Dispose();
                _warmStart = direction.detach().clone().DetachFromDisposeScope();
                return new StepResult(trialLoss, evaluations, gradientNorm, StopReason.None, note);
            }
        }
        _warmStart?.Dispose();
        _warmStart = null;
        return new StepResult(loss, evaluations, gradientNorm, StopReason.LineSearchFailed,
            Join(note, $"no Armijo point down to t = {stepSize / Options.BacktrackFactor:G3} (gᵀd = {slope:G3}); θ left unchanged"));
    }

    /// <summary>Forgets the preconditioner, the warm start and the counters.</summary>
    public void Reset()
    {
        _approximation?.Dispose();
        _approximation = null;
        _warmStart?.Dispose();
        _warmStart = null;
        (_builds, _stepsSinceBuild, StepCount, LastSolve) = (0, 0, 0, null);
    }

    /// <inheritdoc />
    public OptimizerState SaveState()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var state = new OptimizerState(Name)
            .Set("steps", StepCount)
            .Set("builds", _builds)
            .Set("steps_since_build", _stepsSinceBuild);
        if (_warmStart is not null) state.Set("warm_start", _warmStart);
        _approximation?.Save(state, "nystrom");
        return state;
    }

    /// <inheritdoc />
    public void LoadState(OptimizerState state)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        OptimizerState.Expect(state, Name);
        state.Upgrading(("steps-since-build", "steps_since_build"), ("warm-start", "warm_start"),
            ("nystrom-basis", "nystrom.basis"), ("nystrom-eigenvalues", "nystrom.eigenvalues"), ("nystrom-shift", "nystrom.shift"));
        var steps = state.Integer("steps");
        var builds = state.Integer("builds");
        var sinceBuild = checked((int)state.Integer("steps_since_build"));
        Reset();
        (StepCount, _builds, _stepsSinceBuild) = (steps, builds, sinceBuild);
        _warmStart = state.TensorOrNull("warm_start")?.DetachFromDisposeScope();
        _approximation = NystromApproximation.Load(state, "nystrom");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        Reset();
        _disposed = true;
    }

    /// <summary>Rebuilds the Nyström approximation every F steps; a failed build leaves CG unpreconditioned for this step.</summary>
    private string? RefreshPreconditioner(ILinearOperator hessian, Device device)
    {
        if (_approximation is not null && _stepsSinceBuild < Options.Refresh)
        {
            _stepsSinceBuild++;
            return null;
        }
        _approximation?.Dispose();
        _approximation = null;
        try
        {
            _approximation = NystromApproximation.Build(hessian, Options.Rank, Options.Seed + _builds, device, allowIndefinite: true);
        }
        catch (ArithmeticException error)
        {
            return $"Nyström preconditioner failed ({error.Message}); plain CG this step";
        }
        finally
        {
            _builds++;
        }
        _stepsSinceBuild = 1;
        return null;
    }

    /// <summary>d ≈ (H + μI)⁻¹g by PCG from the warm start, guarded to be a descent direction (see remarks).</summary>
    private (Tensor Direction, string? Note) Direction(ILinearOperator hessian, Tensor gradient)
    {
        var system = hessian.AddIdentity(Options.Damping);
        var preconditioner = _approximation?.Preconditioner(Options.Damping);
        var options = new ConjugateGradientOptions { RelativeTolerance = 0, AbsoluteTolerance = Options.CgTolerance, MaxIterations = Options.CgIterations };
        var (direction, report) = ConjugateGradient.Solve(system, gradient, _warmStart, preconditioner, options);
        LastSolve = report;
        string? note = report.Exit is SolveExit.NegativeCurvature ? $"CG met negative curvature after {report.Iterations} iterations" : null;
        if (IsDescent(direction, gradient)) return (direction, note);
        if (_warmStart is not null)
        {
            (direction, report) = ConjugateGradient.Solve(system, gradient, null, preconditioner, options);
            LastSolve = report;
            note = Join(note, "warm start was not a descent direction; CG restarted from 0");
            if (IsDescent(direction, gradient)) return (direction, note);
        }
        var fallback = preconditioner is null ? gradient.clone() : preconditioner.Apply(gradient);
        return (fallback, Join(note, "no descent direction from CG (negative curvature at once); preconditioned gradient step"));
    }

    private static bool IsDescent(Tensor direction, Tensor gradient)
    {
        var slope = VectorMath.Dot(direction, gradient);
        return slope > 0 && double.IsFinite(slope) && SymmetricSolve.AllFinite(direction);
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : first + "; " + second;

    private void ValidateState(Tensor theta)
    {
        if (_warmStart is not null) ThetaChecks.ValidateState(_warmStart, theta);
        if (_approximation is not null && _approximation.Size != theta.shape[0])
        {
            throw new ArgumentException(
                $"θ has {theta.shape[0]} parameters but the optimizer's state was built for {_approximation.Size}; call Reset() before switching problems.",
                nameof(theta));
        }
    }
}
