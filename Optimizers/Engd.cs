using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Energy natural gradient descent: d = (G + λI)⁻¹ Jᵀr with the Gramian G = JᵀJ of the residual Jacobian
/// (optionally a moving average of it), then θ ← θ − η d with η from a grid line search. With zero damping
/// and no averaging it is the Gauss–Newton method with a line search (<see cref="GaussNewton"/>).
/// </summary>
/// <remarks>
/// J. Müller and M. Zeinhofer, "Achieving high accuracy with PINNs via energy natural gradient descent",
/// ICML 2023, Algorithm 1 and eq. (9): the energy Gramian G_ij = Σ_terms mean_points (L[∂θᵢu])(L[∂θⱼu]) is
/// JᵀJ for the residual vector r with each term's 1/√N folded in, and the natural gradient G⁺∇L is
/// computed here by a damped dense solve (<see cref="SymmetricSolve"/>: Cholesky, or the eigen
/// pseudo-inverse when G + λI is singular at float64 resolution). Moving average (option
/// <see cref="EngdOptions.MovingAverage"/> = β): G ← β G_old + (1 − β) JᵀJ, starting from the first JᵀJ;
/// the reference's best run uses β = 0.3, λ = 1e-10. The Gramian is P×P: beyond ~10⁴ parameters, or
/// whenever there are fewer residuals than parameters, use <see cref="EngdWoodbury"/>.
/// Step logic, failure handling and stops: <see cref="GramianOptimizer"/>.
/// </remarks>
public sealed class Engd : GramianOptimizer
{
    private Tensor? _averageGramian;

    /// <summary>The command-line entry: <c>engd[:STEPS][:damping=..][:ema=..][:grid=..]</c>.</summary>
    public static OptimizerDescriptor Descriptor { get; } = CreateDescriptor();

    /// <summary>The command-line entry of <see cref="GaussNewton"/>: <c>gauss-newton[:STEPS][:damping=..][:grid=..]</c>.</summary>
    public static OptimizerDescriptor GaussNewtonDescriptor { get; } = CreateGaussNewtonDescriptor();

    /// <summary>Creates ENGD with the given (or default) options.</summary>
    public Engd(EngdOptions? options = null)
        : this("engd", options ?? new EngdOptions())
    {
    }

    private Engd(string name, EngdOptions options)
        : base(name, options)
    {
    }

    /// <summary>
    /// Gauss–Newton with the grid line search: this class with no damping by default (a singular JᵀJ is
    /// handled by the pseudo-inverse, giving the minimum-norm step J⁺r) and no moving average; name
    /// <c>gauss-newton</c>.
    /// </summary>
    public static Engd GaussNewton(EngdOptions? options = null) => new("gauss-newton", options ?? EngdOptions.GaussNewtonDefaults);

    /// <summary>The ENGD direction d = (JᵀJ + λI)⁻¹ Jᵀr of residuals r [M] and Jacobian J [M, P], without averaging.</summary>
    public static (Tensor Direction, SolveReport Report) Direction(Tensor residuals, Tensor jacobian, double damping)
    {
        CheckSystem(residuals, jacobian, damping);
        using var scope = torch.NewDisposeScope();
        var (direction, report) = Solve(LeastSquares.Gramian(jacobian), jacobian.t().mv(residuals), damping);
        return (direction.MoveToOuterDisposeScope(), report);
    }

    /// <inheritdoc />
    public override void Reset()
    {
        _averageGramian?.Dispose();
        _averageGramian = null;
        base.Reset();
    }

    private protected override (Tensor Direction, SolveReport Report) ComputeDirection(
        Tensor residuals, Tensor jacobian, Tensor halfGradient, double damping)
    {
        var gramian = LeastSquares.Gramian(jacobian);
        var beta = Options.MovingAverage;
        if (beta > 0 && SymmetricSolve.AllFinite(gramian))
        {
            if (_averageGramian is null)
            {
                _averageGramian = gramian.detach().clone().DetachFromDisposeScope();
            }
            else
            {
                using (torch.no_grad())
                {
                    _averageGramian.mul_(beta).add_(gramian, 1 - beta);
                }
            }
            gramian = _averageGramian;
        }
        return Solve(gramian, halfGradient, damping);
    }

    private protected override void ValidateState(Tensor theta)
    {
        if (_averageGramian is not null)
        {
            ParameterVector.ValidateState(_averageGramian, theta);
        }
    }

    private static (Tensor Direction, SolveReport Report) Solve(Tensor gramian, Tensor halfGradient, double damping) =>
        SymmetricSolve.Solve(LinearOperator.Dense(gramian).AddIdentity(damping), halfGradient);

    internal static void CheckSystem(Tensor residuals, Tensor jacobian, double damping)
    {
        ParameterVector.Validate(residuals, nameof(residuals));
        ArgumentNullException.ThrowIfNull(jacobian);
        if (jacobian.dim() != 2 || jacobian.shape[0] != residuals.shape[0] || jacobian.dtype != ScalarType.Float64)
        {
            throw new ArgumentException(
                $"the Jacobian must be a float64 [{residuals.shape[0]}, P] tensor matching the residuals; got {jacobian.dtype} of shape {ParameterVector.Shape(jacobian)}.",
                nameof(jacobian));
        }
        LinearOperator.CheckOperand(residuals, jacobian.shape[0], jacobian, nameof(residuals));
        Check.NonNegative(damping, nameof(damping));
    }

    private static OptimizerDescriptor CreateDescriptor()
    {
        var d = new EngdOptions();
        return new OptimizerDescriptor(
            "engd",
            "energy natural gradient: (JᵀJ + λI)⁻¹Jᵀr with a 2^-k grid line search (Müller & Zeinhofer, ICML 2023)",
            [
                .. CommonOptions(d),
                OptimizerOption.Number("ema", OptimizerOptionKind.Fraction, d.MovingAverage, "β of the Gramian moving average G ← βG_old + (1−β)G_new; 0 = off"),
            ],
            s => new Engd(new EngdOptions { Damping = s.Number("damping"), GridExponents = s.Integer("grid"), MovingAverage = s.Number("ema") }));
    }

    private static OptimizerDescriptor CreateGaussNewtonDescriptor()
    {
        var d = EngdOptions.GaussNewtonDefaults;
        return new OptimizerDescriptor(
            "gauss-newton",
            "Gauss–Newton (pseudo-inverse of JᵀJ, optional damping) with a 2^-k grid line search",
            CommonOptions(d),
            s => GaussNewton(d with { Damping = s.Number("damping"), GridExponents = s.Integer("grid") }));
    }
}
