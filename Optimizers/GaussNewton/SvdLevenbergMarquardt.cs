using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Levenberg–Marquardt for L(θ) = ‖r(θ)‖² whose step comes from the singular value decomposition of the
/// column-scaled Jacobian, not from the normal equations: the step keeps the conditioning of J, not of JᵀJ,
/// and a rejected step is retried with a larger damping on the same decomposition.
/// </summary>
/// <remarks>
/// With D = diag(‖J₁‖, …, ‖J_P‖) (column norms, floored at <see cref="ColumnFloor"/>·max: Marquardt's scaling) and
/// J D⁻¹ = U Σ Vᵀ, the damped step minimising ‖r + J h‖² + μ‖D h‖² is h = −D⁻¹ V (Σ/(Σ² + μ)) Uᵀ r, and the decrease
/// the linear model predicts, ‖r‖² − ‖r + J h‖² = Σᵢ cᵢ² σᵢ²(σᵢ² + 2μ)/(σᵢ² + μ)² with c = Uᵀr, is formed without
/// cancellation. The gain ratio and the damping update are Nielsen's (K. Madsen, H. B. Nielsen and O. Tingleff,
/// "Methods for non-linear least squares problems", 2nd ed., 2004, Alg. 3.16). Solving the least-squares
/// problem through an orthogonal factorisation of J rather than Cholesky on JᵀJ is the standard remedy for
/// ill-conditioned Gauss–Newton systems (G. H. Golub and C. F. Van Loan, <i>Matrix Computations</i>, 4th ed., 2013,
/// §5.3.7–5.5); the column scaling matters as much here: the multi-stage profile rows are divided by a stage scale
/// ε ≪ 1, which makes λ's column ~1/ε times the network's, and an unscaled Gramian then loses the network's
/// directions below its round-off threshold. Full-matrix Gauss–Newton in float64 is what takes the self-similar
/// profiles of Wang et al. 2025 ("Discovery of unstable singularities", arXiv:2509.14185, §3) to round-off.
/// A step is one Jacobian evaluation and one SVD; up to <see cref="MaxRetries"/> damped trials share them.
/// Never throws on non-finite values or an SVD failure: θ is left unchanged and the result says why.
/// </remarks>
public sealed class SvdLevenbergMarquardt : IOptimizer
{
    private const double MinimumDamping = 1e-30;
    private const double MachineEpsilon = 2.220446049250313e-16;
    private const double MaximumDamping = 1e30;
    private readonly NielsenDamping _damping = new(MinimumDamping);

    /// <summary>A solver starting from damping μ₀ = <paramref name="initialDamping"/> (relative to the scaled Jacobian, whose columns have unit norm).</summary>
    public SvdLevenbergMarquardt(double initialDamping = 1e-6, int maxRetries = 12, double stepTolerance = 1e-16)
    {
        if (!(initialDamping > 0) || !double.IsFinite(initialDamping)) throw new ArgumentOutOfRangeException(nameof(initialDamping), initialDamping, "the damping must be positive and finite");
        if (maxRetries < 1) throw new ArgumentOutOfRangeException(nameof(maxRetries), maxRetries, "at least one trial per step");
        if (!(stepTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(stepTolerance), stepTolerance, "the step tolerance must be ≥ 0");
        _damping.Mu = initialDamping;
        MaxRetries = maxRetries;
        StepTolerance = stepTolerance;
    }

    /// <summary>Column norms below this fraction of the largest are floored to it (their directions are round-off).</summary>
    public const double ColumnFloor = 1e-8;

    /// <inheritdoc />
    public string Name => "lm-svd";

    /// <summary>Damped trials per step at most.</summary>
    public int MaxRetries { get; }

    /// <summary>Stop when ‖h‖ ≤ tol·(‖θ‖ + tol).</summary>
    public double StepTolerance { get; }

    /// <summary>The damping μ of the next trial.</summary>
    public double Damping => _damping.Mu!.Value;

    /// <summary>σ_max/σ_min of the column-scaled Jacobian at the last step (NaN before the first).</summary>
    public double ConditionNumber { get; private set; } = double.NaN;

    /// <summary>Singular values of the column-scaled Jacobian above ε·σ_max at the last step.</summary>
    public long NumericalRank { get; private set; }

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        if (objective is not IResidualObjective residuals) throw new ArgumentException($"{Name} needs a least-squares objective (IResidualObjective)", nameof(objective));
        if (theta.dtype != ScalarType.Float64 || theta.dim() != 1 || theta.shape[0] != objective.ParameterCount)
            throw new ArgumentException($"θ must be a float64 vector of {objective.ParameterCount} entries", nameof(theta));
        using var scope = NewDisposeScope();
        var (r, jacobian) = residuals.ResidualsAndJacobian(theta);
        double loss = r.dot(r).item<double>();
        var halfGradient = jacobian.t().mv(r);
        double gradientNorm = 2 * halfGradient.norm().item<double>();
        if (StepGuard.NonFinite(loss, gradientNorm, gradient: "Jacobian", loss: "residuals") is { } nonFinite) return nonFinite;
        if (gradientNorm == 0) return new StepResult(loss, 1, 0, StopReason.GradientTolerance, "Jᵀr = 0");

        var norms = jacobian.square().sum(new long[] { 0 }).sqrt();
        var scale = norms.clamp_min(norms.max().item<double>() * ColumnFloor);
        Tensor u, sigma, vh;
        try
        {
            (u, sigma, vh) = linalg.svd(jacobian / scale, fullMatrices: false);
        }
        catch (ExternalException e)
        {
            return new StepResult(loss, 1, gradientNorm, StopReason.NonFinite, $"the SVD failed ({e.Message.Split('\n')[0]}); θ left unchanged");
        }
        double largest = sigma.max().item<double>();
        ConditionNumber = largest / sigma.min().item<double>();
        NumericalRank = (sigma > largest * MachineEpsilon).sum().item<long>();
        var c = u.t().mv(r);
        var c2 = c.square();
        var s2 = sigma.square();
        double thetaNorm = theta.norm().item<double>();
        string? last = null;
        for (int trial = 1; trial <= MaxRetries; trial++)
        {
            var mu = _damping.Mu!.Value;
            var step = -(vh.t().mv(sigma / (s2 + mu) * c)) / scale;
            var stepNorm = step.norm().item<double>();
            if (stepNorm <= StepTolerance * (thetaNorm + StepTolerance))
                return new StepResult(loss, trial, gradientNorm, StopReason.StepTolerance, $"‖h‖ = {stepNorm:G3} with μ = {mu:G3}: the step no longer changes θ in float64");
            var predicted = (c2 * s2 * (s2 + 2 * mu) / (s2 + mu).square()).sum().item<double>();
            var candidate = theta + step;
            var trialResiduals = residuals.Residuals(candidate);
            var trialLoss = trialResiduals.dot(trialResiduals).item<double>();
            var gain = predicted > 0 && double.IsFinite(trialLoss) ? (loss - trialLoss) / predicted : double.NegativeInfinity;
            if (gain > 0)
            {
                using (no_grad()) theta.copy_(candidate);
                _damping.Accepted(mu, gain);
                return new StepResult(trialLoss, trial + 1, gradientNorm);
            }
            _damping.Rejected(mu);
            last = $"gain ratio {gain:G3}, loss {loss:G6} → {trialLoss:G6}";
            if (_damping.Mu > MaximumDamping)
                return new StepResult(loss, trial + 1, gradientNorm, StopReason.LineSearchFailed, $"{last}; μ exceeds {MaximumDamping:G1}: no damped step lowers the loss at float64 resolution; θ unchanged");
        }
        return new StepResult(loss, MaxRetries + 1, gradientNorm, StopReason.None, $"{MaxRetries} trials rejected ({last}); μ now {_damping.Mu:G3}; θ unchanged");
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
