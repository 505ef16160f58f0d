using Pinn.Optimizers;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

/// <summary>
/// Watches each step for a non-finite loss or θ. On one, θ goes back to the last good point (θ before
/// the last step whose loss was finite), the optimizer is made more cautious (<see cref="IStabilizable"/>)
/// or started afresh, and the event is described; after <see cref="MaxConsecutiveFailures"/> failures in a
/// row the run should stop.
/// </summary>
internal sealed class DivergenceGuard : IDisposable
{
    /// <summary>Failures in a row after which the run stops.</summary>
    public const int MaxConsecutiveFailures = 3;

    private readonly Tensor _theta;
    private readonly Tensor _before;
    private readonly Tensor _lastGood;
    private long _lastGoodStep;

    public DivergenceGuard(Tensor theta, long step)
    {
        _theta = theta;
        using var _ = no_grad();
        _before = theta.detach().clone().DetachFromDisposeScope();
        _lastGood = theta.detach().clone().DetachFromDisposeScope();
        _lastGoodStep = step;
    }

    /// <summary>Consecutive failed steps.</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>Call before each step.</summary>
    public void BeforeStep()
    {
        using var _ = no_grad();
        _before.copy_(_theta);
    }

    /// <summary>Whether the step went wrong (non-finite loss, NonFinite stop, or non-finite θ).</summary>
    public bool Failed(StepResult result)
    {
        if (result.Stop == StopReason.NonFinite || !double.IsFinite(result.Loss)) return true;
        using var scope = NewDisposeScope();
        return !_theta.isfinite().all().item<bool>();
    }

    /// <summary>Records a good step taken from the point saved by <see cref="BeforeStep"/>.</summary>
    public void Succeeded(long stepBefore)
    {
        ConsecutiveFailures = 0;
        using var _ = no_grad();
        _lastGood.copy_(_before);
        _lastGoodStep = stepBefore;
    }

    /// <summary>Rolls θ back and counts the failure; returns the log text.</summary>
    public string RollBack()
    {
        ConsecutiveFailures++;
        using var _ = no_grad();
        _theta.copy_(_lastGood);
        return $"non-finite loss or parameters; θ rolled back to its value after step {_lastGoodStep}";
    }

    public void Dispose()
    {
        _before.Dispose();
        _lastGood.Dispose();
    }
}
