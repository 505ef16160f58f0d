using System.Globalization;
using Pinn.Optimizers;

namespace Pinn.Solver.Training;

/// <summary>
/// Warns, once per phase, when a Gauss–Newton-type optimizer with a fixed damping (engd, engd-woodbury, engd-nystrom,
/// gauss-newton, kfac) makes little progress: every <see cref="Window"/> steps, a loss still above a tenth of its value
/// a window earlier and above 1 % of the phase's first loss. These methods cut the loss by orders of magnitude within
/// tens of steps when they work; when they do not, the usual cause is a damping too small for the problem's Gramian,
/// and the warning names it and the alternatives.
/// </summary>
/// <remarks>
/// The case behind it: −(u_xx + 2u_yy + 3u_zz) = f on the unit cube (10³ grid + 600 boundary points, one hidden layer
/// of 32): <c>engd:500</c> ends at rel. L2 4.95 (loss 2.3e3 → 1.4e3 in the first 300 steps), <c>engd:300:damping=1e-3</c>
/// reaches 2.2e-2 and <c>lm:300</c> 2.4e-2 (measured here).
/// </remarks>
internal sealed class StallWatch(TrainingPhase phase, IProgressSink progress)
{
    /// <summary>Steps between checks.</summary>
    public const int Window = 100;

    private static readonly HashSet<string> FixedDamping = ["engd", "engd-woodbury", "engd-nystrom", "gauss-newton", "kfac"];

    private double _first = double.NaN;
    private double _windowStart = double.NaN;
    private bool _warned;

    /// <summary>Notes the loss after the phase's <paramref name="done"/>-th step (global step <paramref name="step"/>).</summary>
    public void Observe(int done, long step, double loss)
    {
        if (_warned || !FixedDamping.Contains(phase.Name) || !double.IsFinite(loss)) return;
        if (double.IsNaN(_first)) _first = _windowStart = loss;
        if (done % Window != 0) return;
        bool stalled = loss > 0.1 * _windowStart && loss > 0.01 * _first;
        double before = _windowStart;
        _windowStart = loss;
        if (!stalled) return;
        _warned = true;
        progress.Event(Message(step, before, loss));
    }

    private string Message(long step, double before, double loss)
    {
        var damping = phase.Setting("damping") is { } value ? $"damping {value}" : "damping";
        return string.Create(CultureInfo.InvariantCulture,
            $"warning: {phase.Name} step {step}: little progress (loss {before:E3} → {loss:E3} over the last {Window} steps, {_first:E3} at the phase's start). " +
            $"Likely cause: the {damping} is too small for this problem's Gramian, so the Gauss–Newton direction is dominated by " +
            $"nearly singular directions and the line search can only take tiny steps. Try lm (Levenberg–Marquardt adapts the damping) " +
            $"or a larger damping, e.g. {phase.Name}:damping=1e-3.");
    }
}
