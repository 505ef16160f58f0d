using System.Globalization;
using Pinn.Optimizers;
using Pinn.Solver.Engine;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

/// <summary>
/// When the trainer draws new batches (<see cref="AdaptiveSampling"/>) and updates the attention multipliers
/// (<see cref="ResidualAttention"/>): at the start of step s (0-based, global), first a draw when s &gt; 0 and
/// s is a multiple of the sampling interval, then an attention update when the phase is weighted and s is a multiple
/// of its interval, always from θ at that step's start. The rule depends on s alone, so a run resumed from a
/// checkpoint taken between steps does exactly what the uninterrupted run did. Draws that grow a batch are announced.
/// </summary>
/// <remarks>
/// An optimizer that stops (gtol, ftol, a step or line search at float64 resolution) has converged on its batch, not on
/// the equation: <see cref="DrawAfterStop"/> then draws the next batch at once and the phase goes on, unless the stop
/// came within <see cref="StopsEndPhaseWithin"/> steps of the last draw (a fresh batch did not help: the phase ends as
/// before). Two steps, because the quasi-Newton methods need two to stop after a draw at their floor (a failed line
/// search along −Hg clears H, the one along −g stops). Stops on a non-finite loss always end the phase. The step of the
/// last draw is saved with the pools (<see cref="PinnObjective.LastDrawStep"/>), so resumed runs decide the same.
/// </remarks>
internal sealed class AdaptiveSchedule(AdaptiveSampling? sampling, ResidualAttention? attention, IProgressSink progress)
{
    /// <summary>A stop within this many steps after a draw ends the phase.</summary>
    public const int StopsEndPhaseWithin = 2;

    /// <summary>Call at the start of each step, before the optimizer sees the objective.</summary>
    public void BeforeStep(PinnObjective objective, Tensor theta, long step, int phase)
    {
        if (sampling is not null && step > 0 && step % sampling.Every == 0 && objective.LastDrawStep != step) Draw(objective, theta, step);
        if (attention is null) return;
        bool weighs = attention.Weighs(phase);
        objective.SetAttentionActive(weighs);
        if (weighs && step % attention.UpdateEvery == 0) objective.UpdateAttention(theta);
    }

    /// <summary>
    /// After step <paramref name="nextStep"/> − 1 ended in <paramref name="stop"/>: draws the batches for step
    /// <paramref name="nextStep"/> now and returns true when the phase should go on (see the remarks), else false.
    /// </summary>
    public bool DrawAfterStop(PinnObjective objective, Tensor theta, long nextStep, StopReason stop)
    {
        if (sampling is null || !objective.IsAdaptive || stop == StopReason.NonFinite) return false;
        if (objective.LastDrawStep >= 0 && nextStep - objective.LastDrawStep <= StopsEndPhaseWithin) return false;
        Draw(objective, theta, nextStep);
        return true;
    }

    /// <summary>
    /// At the end of a run with <see cref="AdaptiveSampling.KeepBest"/>: scores the last θ on the pools and, when an
    /// iterate offered at a draw scored lower, copies it into <paramref name="theta"/> (announced). Returns whether it did.
    /// </summary>
    public bool KeepBest(PinnObjective objective, Tensor theta, long step)
    {
        if (objective.Best is not { } best) return false;
        using var scope = NewDisposeScope();
        double last = objective.PoolScore(theta);
        if (!best.RestoreInto(theta, last)) return false;
        progress.Event(string.Create(CultureInfo.InvariantCulture,
            $"adaptive sampling, final=best: ending at the iterate after step {best.Step} (pool mean r² {best.Score:G3} < {last:G3} after step {step})"));
        return true;
    }

    private void Draw(PinnObjective objective, Tensor theta, long step)
    {
        double score = 0;
        foreach (var (term, before, after, poolMean, batchMean) in objective.Redraw(theta))
        {
            score += poolMean;
            if (after > before && sampling!.Growth > 1)
                progress.Event(string.Create(CultureInfo.InvariantCulture,
                    $"adaptive sampling at step {step}: {term} batch grown from {before} to {after} points (pool mean r² {poolMean:G3} > {sampling.Gap:G3} × {batchMean:G3} on the points trained on)"));
        }
        objective.LastDrawStep = step;
        objective.Best?.Offer(score, theta, step);
    }
}
