using Pinn.Optimizers;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

/// <summary>
/// Watches each step for a non-finite loss or θ. On one, θ goes back to the last good point (θ before the last step
/// whose loss was finite), the optimizer is made more cautious (<see cref="IStabilizable"/>) or started afresh, and
/// the event is described. Failures count until the loss reaches a new low, so failures that alternate with finite
/// but fruitless steps add up like failures in a row; after <see cref="MaxFailures"/> of them the run should stop.
/// </summary>
/// <remarks>
/// Counting only failures in a row missed runs that never recover: with a learning rate of 1e300, every other step
/// lands on finite garbage (a saturated network has a finite loss), so "three in a row" never happened and the run
/// "completed" at its starting loss.
/// </remarks>
internal sealed class DivergenceGuard : IDisposable
{
    /// <summary>Failed steps without a new lowest loss after which the run stops.</summary>
    public const int MaxFailures = 3;

    private readonly Tensor _theta;
    private readonly Tensor _before;
    private readonly Tensor _lastGood;
    private long _lastGoodStep;
    private double _lowest = double.PositiveInfinity;

    public DivergenceGuard(Tensor theta, long step)
    {
        _theta = theta;
        using var _ = no_grad();
        _before = theta.detach().clone().DetachFromDisposeScope();
        _lastGood = theta.detach().clone().DetachFromDisposeScope();
        _lastGoodStep = step;
    }

    /// <summary>Failed steps since the loss last reached a new low.</summary>
    public int Failures { get; private set; }

    /// <summary>Failed steps in a row.</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>Whether the failures so far should stop the run.</summary>
    public bool ShouldStop => Failures >= MaxFailures;

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

    /// <summary>Records a good step with loss <paramref name="loss"/> taken from the point saved by <see cref="BeforeStep"/>.</summary>
    public void Succeeded(long stepBefore, double loss)
    {
        ConsecutiveFailures = 0;
        if (loss < _lowest)
        {
            _lowest = loss;
            Failures = 0;
        }
        using var _ = no_grad();
        _lastGood.copy_(_before);
        _lastGoodStep = stepBefore;
    }

    /// <summary>Rolls θ back and counts the failure; returns the log text.</summary>
    public string RollBack()
    {
        Failures++;
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
