using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The linearisation of a least-squares objective at one point, kept between steps of an optimizer
/// that may reject a step and retry from the same θ: r, G = JᵀJ, g = Jᵀr (and J if asked), L = ‖r‖², and what identifies
/// the point (θ, the objective, its revision). Owns its tensors.
/// </summary>
internal sealed class LinearizationCache : IDisposable
{
    private IObjective? _objective;
    private long _revision;
    private Tensor? _point;

    public Tensor? Residuals { get; private set; }
    public Tensor? Jacobian { get; private set; }
    public Tensor? Gramian { get; private set; }
    public Tensor? HalfGradient { get; private set; }
    public double Loss { get; private set; } = double.NaN;

    /// <summary>True when the cache holds the linearisation of <paramref name="objective"/> at exactly <paramref name="theta"/>.</summary>
    public bool Matches(IObjective objective, Tensor theta)
    {
        if (_point is null || !ReferenceEquals(objective, _objective) || objective.Revision != _revision
            || _point.shape[0] != theta.shape[0] || _point.device_type != theta.device_type || _point.device_index != theta.device_index)
        {
            return false;
        }
        using var scope = torch.NewDisposeScope();
        return _point.eq(theta).all().item<bool>();
    }

    /// <summary>Evaluates r and J at θ and stores the linearisation (replacing any previous one); J itself
    /// (M×P, often the largest tensor) only when <paramref name="keepJacobian"/>.</summary>
    public void Refresh(IResidualObjective objective, Tensor theta, bool keepJacobian)
    {
        Clear();
        using var scope = torch.NewDisposeScope();
        var (residuals, jacobian) = LeastSquares.Evaluate(objective, theta);
        Loss = LeastSquares.SquaredNorm(residuals);
        HalfGradient = jacobian.t().mv(residuals).detach().DetachFromDisposeScope();
        Gramian = LeastSquares.Gramian(jacobian).detach().DetachFromDisposeScope();
        Residuals = residuals.detach().DetachFromDisposeScope();
        Jacobian = keepJacobian ? jacobian.detach().DetachFromDisposeScope() : null;
        _point = theta.detach().clone().DetachFromDisposeScope();
        _objective = objective;
        _revision = objective.Revision;
    }

    public void Clear()
    {
        _point?.Dispose();
        Residuals?.Dispose();
        Jacobian?.Dispose();
        Gramian?.Dispose();
        HalfGradient?.Dispose();
        (_point, Residuals, Jacobian, Gramian, HalfGradient, _objective, Loss) = (null, null, null, null, null, null, double.NaN);
    }

    public void Dispose() => Clear();
}
