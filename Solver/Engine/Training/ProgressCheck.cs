using System.Globalization;
using Pinn.Optimizers;

namespace Pinn.Solver.Training;

/// <summary>
/// Judges a run at the end of each phase against its starting loss: a loss that ended non-finite, never fell below
/// its start, or ended <see cref="BlowUpFactor"/> or more above it is a failed run, whatever the optimizers said.
/// </summary>
/// <remarks>
/// Seen before this check existed: <c>sgd:200:lr=1e6</c> ended at loss 1e296 and <c>adahessian:100:lr=1e6</c> at 1e304
/// with exit 0 and stop reason "None". A run that ends where it started because an optimizer stopped on convergence
/// (it started at a minimum) is not a failure.
/// </remarks>
internal sealed class ProgressCheck(double startLoss)
{
    /// <summary>A phase that ends with the loss this many times its start (three orders of magnitude) has blown up.</summary>
    public const double BlowUpFactor = 1e3;

    private double _lowest = double.PositiveInfinity;
    private bool _converged;

    /// <summary>The loss at θ before the run's first step (also stored in checkpoints, so a resumed run judges alike).</summary>
    public double StartLoss { get; } = startLoss;

    /// <summary>Notes a recorded loss (history rows, phase ends).</summary>
    public void Observe(double loss)
    {
        if (loss < _lowest) _lowest = loss;
    }

    /// <summary>Notes an optimizer stop: a convergence stop excuses a run that could not improve on its start.</summary>
    public void Observe(StopReason stop) =>
        _converged |= stop is StopReason.GradientTolerance or StopReason.FunctionTolerance or StopReason.StepTolerance;

    /// <summary>The verdict for a phase that ended with loss <paramref name="loss"/> after <paramref name="steps"/> steps:
    /// null when the run may go on, else the failure and a one-line reason.</summary>
    public (TrainingOutcome Outcome, string Reason)? Judge(double loss, long steps)
    {
        var c = CultureInfo.InvariantCulture;
        Observe(loss);
        if (!double.IsFinite(loss))
            return (TrainingOutcome.Diverged, string.Format(c, "the loss ended non-finite ({0}) after {1} steps (it started at {2:E3})", loss, steps, StartLoss));
        if (!double.IsFinite(StartLoss)) return null;
        if (loss >= BlowUpFactor * StartLoss && loss > 0)
            return (TrainingOutcome.BlownUp, string.Format(c, "the loss blew up: it ended at {0:E3}, {1:F0} orders of magnitude above its start {2:E3}",
                loss, Math.Log10(loss / StartLoss), StartLoss));
        if (!(_lowest < StartLoss) && !_converged)
            return (TrainingOutcome.NoProgress, string.Format(c, "the loss never fell below its start {0:E3} in {1} steps (it ended at {2:E3})", StartLoss, steps, loss));
        return null;
    }
}
