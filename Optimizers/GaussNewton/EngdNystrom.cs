using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Energy natural gradient with a matrix-free solve: d solves (JᵀJ + λI) d = Jᵀr by conjugate gradients
/// preconditioned with a randomized Nyström approximation of JᵀJ, warm-started from the previous direction.
/// The Gramian is never formed: only products J·v and Jᵀ·u (and P×ℓ sketches) are used, so memory is
/// O(MP + Pℓ) instead of O(P²).
/// </summary>
/// <remarks>
/// The ENGD direction of J. Müller and M. Zeinhofer, ICML 2023, eq. (9), computed like the Newton systems
/// of NNCG (P. Rathore, W. Lei, Z. Frangella, L. Lu and M. Udell, "Challenges in training PINNs: a loss
/// landscape perspective", ICML 2024): preconditioned CG (<see cref="ConjugateGradient"/>) with the
/// Nyström preconditioner P⁻¹ = (λ̂_ℓ + λ) U (Λ̂ + λI)⁻¹ Uᵀ + (I − UUᵀ) of Z. Frangella, J. A. Tropp and
/// M. Udell, SIAM J. Matrix Anal. Appl. 2023, eq. (5.3) (<see cref="NystromApproximation"/>), built from
/// JᵀJ applied as Jᵀ(J V), of rank <see cref="EngdNystromOptions.Rank"/>, rebuilt every
/// <see cref="EngdNystromOptions.Refresh"/> steps (between rebuilds it approximates the Gramian of an
/// earlier θ: still a valid, if weaker, preconditioner). The default damping is 1e-8 rather than ENGD's
/// 1e-10 and must be positive: CG needs a floor on the spectrum of JᵀJ + λI (its iteration count grows
/// with √((λ_max + λ)/(λ̂_{ℓ+1} + λ)) after preconditioning, and JᵀJ of a network is numerically
/// singular), while a dense solve can fall back to the pseudo-inverse. A CG run that ends short of its
/// tolerance (iteration limit, breakdown) counts as a failed solve: θ stays and the damping is raised,
/// which also makes the next system better conditioned. No moving average (there is no Gramian to
/// average). Step logic, failure handling and stops: <see cref="GramianOptimizer"/>.
/// </remarks>
public sealed class EngdNystrom : GramianOptimizer
{
    private NystromApproximation? _approximation;
    private Tensor? _previousDirection;
    private long _builds;
    private int _stepsSinceBuild;

    /// <summary>The step defaults of this optimizer: those of <see cref="GramianOptions"/> with damping 1e-8.</summary>
    public static GramianOptions DefaultOptions { get; } = new() { Damping = 1e-8 };

    /// <summary>Creates the optimizer with the given (or default) step and solver options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero damping, a moving average, block-diagonal mode, or another invalid option.</exception>
    public EngdNystrom(GramianOptions? options = null, EngdNystromOptions? solver = null)
        : base("engd-nystrom", CheckOptions(options ?? DefaultOptions))
    {
        Solver = solver ?? new EngdNystromOptions();
        Solver.Validate();
    }

    /// <summary>The solver parameters.</summary>
    public EngdNystromOptions Solver { get; }

    /// <summary>
    /// The direction d ≈ (JᵀJ + λI)⁻¹ Jᵀr of residuals r [M] and Jacobian J [M, P] by Nyström-preconditioned CG
    /// (a fresh approximation with seed <see cref="EngdNystromOptions.Seed"/>), from zero or
    /// <paramref name="initialGuess"/>; the report is that of CG.
    /// </summary>
    public static (Tensor Direction, SolveReport Report) Direction(
        Tensor residuals, Tensor jacobian, double damping, EngdNystromOptions? solver = null, Tensor? initialGuess = null)
    {
        Engd.CheckSystem(residuals, jacobian, damping);
        Check.Positive(damping, nameof(damping));
        solver ??= new EngdNystromOptions();
        solver.Validate();
        using var scope = torch.NewDisposeScope();
        var gramian = LinearOperator.Dense(jacobian).Gramian();
        using var approximation = NystromApproximation.Build(gramian, solver.Rank, solver.Seed, jacobian.device);
        var (direction, report) = Solve(gramian, jacobian.t().mv(residuals), damping, approximation, initialGuess, solver);
        return (direction.MoveToOuterDisposeScope(), report);
    }

    private protected override void SaveExtraState(OptimizerState state)
    {
        state.Set("builds", _builds).Set("steps_since_build", _stepsSinceBuild);
        if (_previousDirection is not null) state.Set("previous_direction", _previousDirection);
        if (_approximation is not null) _approximation.Save(state, "nystrom");
    }

    private protected override void LoadExtraState(OptimizerState state)
    {
        _builds = state.Integer("builds");
        _stepsSinceBuild = (int)state.Integer("steps_since_build");
        _previousDirection = state.TensorOrNull("previous_direction")?.DetachFromDisposeScope();
        _approximation = NystromApproximation.Load(state, "nystrom");
    }

    /// <inheritdoc />
    public override void Reset()
    {
        _approximation?.Dispose();
        _approximation = null;
        _previousDirection?.Dispose();
        _previousDirection = null;
        _stepsSinceBuild = 0;
        _builds = 0;
        base.Reset();
    }

    private protected override (Tensor Direction, SolveReport Report) ComputeDirection(
        IResidualObjective objective, Tensor residuals, Tensor jacobian, Tensor halfGradient, double damping)
    {
        var gramian = LinearOperator.Dense(jacobian).Gramian();
        if (_approximation is null || _stepsSinceBuild >= Solver.Refresh)
        {
            _approximation?.Dispose();
            _approximation = null;
            try
            {
                _approximation = NystromApproximation.Build(gramian, Solver.Rank, Solver.Seed + _builds, jacobian.device);
            }
            catch (ArithmeticException error)
            {
                var zero = torch.zeros_like(halfGradient);
                return (zero, new SolveReport(SolveMethod.ConjugateGradient, SolveExit.Breakdown, 0, double.NaN, double.NaN, double.NaN,
                    $"the Nyström approximation failed: {error.Message}"));
            }
            _builds++;
            _stepsSinceBuild = 0;
        }
        _stepsSinceBuild++;
        var (direction, report) = Solve(gramian, halfGradient, damping, _approximation, _previousDirection, Solver);
        if (report.Succeeded && SymmetricSolve.AllFinite(direction))
        {
            _previousDirection?.Dispose();
            _previousDirection = direction.detach().clone().DetachFromDisposeScope();
        }
        return (direction, report);
    }

    private protected override void ValidateState(IResidualObjective objective, Tensor theta)
    {
        if (_previousDirection is not null)
        {
            ThetaChecks.ValidateState(_previousDirection, theta);
        }
        if (_approximation is not null && _approximation.Size != theta.shape[0])
        {
            throw new ArgumentException(
                $"θ has {theta.shape[0]} parameters but the optimizer's state was built for {_approximation.Size}; call Reset() before switching problems.",
                nameof(theta));
        }
    }

    private static (Tensor Direction, SolveReport Report) Solve(
        ILinearOperator gramian, Tensor halfGradient, double damping, NystromApproximation approximation, Tensor? initialGuess,
        EngdNystromOptions solver) =>
        ConjugateGradient.Solve(
            gramian.AddIdentity(damping), halfGradient, initialGuess, approximation.Preconditioner(damping),
            new ConjugateGradientOptions { RelativeTolerance = solver.CgTolerance, MaxIterations = solver.CgIterations });

    private static GramianOptions CheckOptions(GramianOptions options)
    {
        if (options.MovingAverage != 0 || options.BlockDiagonal)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                "engd-nystrom never forms the Gramian, so it has no moving average or block-diagonal mode (MovingAverage must be 0, BlockDiagonal false); use engd for those.");
        }
        Check.Positive(options.Damping, nameof(options.Damping));
        return options;
    }
}
