using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Hessian-free optimization: the step p minimises the damped quadratic model q(p) = gᵀp + ½pᵀ(G + λI)p by
/// truncated conjugate gradients on curvature-vector products, with Levenberg–Marquardt damping adapted by
/// the reduction ratio.
/// </summary>
/// <remarks>
/// J. Martens, "Deep learning via Hessian-free optimization", ICML 2010, Algorithm 1 and §4: G is the
/// Gauss–Newton matrix (here 2JᵀJ of L = ‖r‖² from the residual Jacobian, <see cref="SecondOrderExpansion.GaussNewton"/>;
/// for an objective without residuals the exact Hessian by double backward, where CG stops at negative
/// curvature with its last iterate); CG starts from ζ·p of the previous step (§4.5, ζ = 0.95) and stops by
/// the relative-progress test (§4.4): at iteration i with k = max(10, ⌈0.1 i⌉), stop when i &gt; k, φᵢ &lt; 0
/// and (φᵢ − φᵢ₋ₖ)/φᵢ &lt; kε (ε = 5e-4), where φᵢ = q(pᵢ) = −½pᵢᵀ(b + rᵢ) from the CG residual rᵢ = b − Bpᵢ,
/// b = −g. With CG-backtracking (§4.6) the iterates of iterations ⌈1.3ʲ⌉ are kept and the step is the last
/// of them from which stepping further back no longer lowers the loss. The reduction ratio
/// ρ = (L(θ + p) − L(θ)) / (gᵀp + ½pᵀGp) uses the undamped model (Martens and Sutskever 2012, §8.2) and
/// drives λ: ρ &lt; ¼ → λ·3/2, ρ &gt; ¾ → λ·2/3 (§4.1). No diagonal CG preconditioner (§4.7) is used.
/// <para>
/// A step that does not lower the loss (or gives a non-finite one) is rejected: θ stays, λ is raised ×3/2 and
/// the result's message says so; once λ would exceed <see cref="HessianFreeOptions.MaxDamping"/> the
/// optimizer stops with <see cref="StopReason.LineSearchFailed"/>. A non-finite loss or gradient at θ stops
/// with <see cref="StopReason.NonFinite"/>, g = 0 exactly with <see cref="StopReason.GradientTolerance"/>.
/// </para>
/// </remarks>
public sealed class HessianFree : IOptimizer, ICheckpointable
{
    private const double BacktrackingRatio = 1.3;
    private Tensor? _previousSolution;
    private bool _disposed;

    /// <summary>Creates the optimizer with the given (or default) options.</summary>
    public HessianFree(HessianFreeOptions? options = null)
    {
        Options = options ?? new HessianFreeOptions();
        Options.Validate();
        CurrentDamping = Options.Damping;
    }

    /// <inheritdoc />
    public string Name => "hessian-free";

    /// <summary>The hyper-parameters.</summary>
    public HessianFreeOptions Options { get; }

    /// <summary>The damping λ the next step will use.</summary>
    public double CurrentDamping { get; private set; }

    /// <summary>Steps taken (accepted or not) since construction or <see cref="Reset"/>.</summary>
    public long StepCount { get; private set; }

    /// <summary>The report of the last CG solve (null before the first).</summary>
    public SolveReport? LastSolve { get; private set; }

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(objective);
        ThetaChecks.Validate(objective, theta);
        if (_previousSolution is not null) ThetaChecks.ValidateState(_previousSolution, theta);
        using var scope = torch.NewDisposeScope();
        using var expansion = Linearize(objective, theta);
        var (loss, gradient) = (expansion.Loss, expansion.Gradient);
        var gradientNorm = VectorMath.Norm(gradient);
        StepCount++;
        if (StepGuard.CannotStep(loss, gradientNorm, StepCount) is { } noStep)
        {
            return noStep;
        }

        var damping = CurrentDamping;
        var (solution, iterates) = Solve(expansion.Hessian, gradient, damping);
        try
        {
            var (step, trialLoss, evaluations) = Choose(objective, theta, solution, iterates);
            if (SymmetricSolve.AllFinite(solution))
            {
                _previousSolution?.Dispose();
                _previousSolution = solution.detach().clone().DetachFromDisposeScope();
            }
            if (!(double.IsFinite(trialLoss) && trialLoss < loss))
            {
                CurrentDamping = damping * 1.5;
                var stop = CurrentDamping > Options.MaxDamping ? StopReason.LineSearchFailed : StopReason.None;
                return new StepResult(loss, 1 + evaluations, gradientNorm, stop,
                    $"rejected: loss {trialLoss:G6} ≥ {loss:G6} (CG {LastSolve!.Iterations} iterations); θ left unchanged, λ = {CurrentDamping:G3}");
            }
            using var curvature = expansion.Hessian.Apply(step);
            var predicted = VectorMath.Dot(gradient, step) + 0.5 * VectorMath.Dot(step, curvature);
            var ratio = (trialLoss - loss) / predicted;
            CurrentDamping = ratio < 0.25 ? damping * 1.5 : ratio > 0.75 ? damping * (2.0 / 3.0) : damping;
            theta.add_(step);
            return new StepResult(trialLoss, 1 + evaluations, gradientNorm);
        }
        finally
        {
            foreach (var iterate in iterates) iterate.Dispose();
        }
    }

    /// <summary>Forgets the warm start, the counters and the adapted damping.</summary>
    public void Reset()
    {
        _previousSolution?.Dispose();
        _previousSolution = null;
        (CurrentDamping, StepCount, LastSolve) = (Options.Damping, 0, null);
    }

    /// <inheritdoc />
    public OptimizerState SaveState()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var state = new OptimizerState(Name).Set("steps", StepCount).Set("damping", CurrentDamping);
        return _previousSolution is null ? state : state.Set("previous_solution", _previousSolution);
    }

    /// <inheritdoc />
    public void LoadState(OptimizerState state)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        OptimizerState.Expect(state, Name);
        state.Upgrading(("previous-solution", "previous_solution"));
        var (steps, damping) = (state.Integer("steps"), state.Number("damping"));
        Reset();
        (StepCount, CurrentDamping) = (steps, damping);
        _previousSolution = state.TensorOrNull("previous_solution")?.DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        Reset();
        _disposed = true;
    }

    private SecondOrderExpansion Linearize(IObjective objective, Tensor theta)
    {
        var gaussNewton = Options.Curvature == "gauss-newton" || (Options.Curvature == "auto" && objective is IResidualObjective);
        if (gaussNewton)
        {
            return SecondOrderExpansion.GaussNewton(LeastSquares.Require(objective, $"{Name} with curvature=gauss-newton"), theta);
        }
        return SecondOrderExpansion.Expand(SecondOrderExpansion.Require(objective, $"{Name} (on an objective without residuals, or with curvature=hessian)"), theta);
    }

    /// <summary>CG on (H + λI) p = −g from ζ·p_prev with Martens' progress test; keeps the backtracking iterates.</summary>
    private (Tensor Solution, List<Tensor> Iterates) Solve(ILinearOperator curvature, Tensor gradient, double damping)
    {
        var rhs = gradient.neg();
        var start = _previousSolution?.mul(Options.WarmStartDecay);
        var values = new List<double> { double.NaN };   // φ₀ is never compared (i − k ≥ 1)
        var iterates = new List<Tensor>();
        var nextKept = 1.0;
        bool Stop(int i, Tensor x, Tensor residual)
        {
            using var scope = torch.NewDisposeScope();
            var value = -0.5 * x.dot(rhs + residual).item<double>();
            values.Add(value);
            if (Options.Backtracking && i >= Math.Ceiling(nextKept))
            {
                iterates.Add(x.detach().clone().DetachFromDisposeScope());
                while (Math.Ceiling(nextKept) <= i) nextKept *= BacktrackingRatio;
            }
            var k = Math.Max(10, (int)Math.Ceiling(0.1 * i));
            return i > k && value < 0 && (value - values[i - k]) / value < k * Options.ProgressTolerance;
        }
        var options = new ConjugateGradientOptions { RelativeTolerance = 1e-12, MaxIterations = Options.CgIterations };
        var (solution, report) = ConjugateGradient.Solve(curvature.AddIdentity(damping), rhs, start, null, options, Stop);
        LastSolve = report;
        return (solution, iterates);
    }

    /// <summary>The final CG iterate, or with backtracking the kept iterate before which the loss stops falling.</summary>
    private (Tensor Step, double Loss, int Evaluations) Choose(IObjective objective, Tensor theta, Tensor solution, List<Tensor> iterates)
    {
        using var trial = theta.add(solution);
        var best = (Step: solution, Loss: objective.Value(trial));
        var evaluations = 1;
        if (!Options.Backtracking) return (best.Step, best.Loss, evaluations);
        for (var j = iterates.Count - 1; j >= 0; j--)
        {
            if (ReferenceEquals(iterates[j], best.Step)) continue;
            trial.copy_(theta).add_(iterates[j]);
            var value = objective.Value(trial);
            evaluations++;
            if (!(double.IsFinite(value) && (value < best.Loss || !double.IsFinite(best.Loss)))) break;
            best = (iterates[j], value);
        }
        return (best.Step, best.Loss, evaluations);
    }
}
