using System.Globalization;
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
internal sealed class AdaptiveSchedule(AdaptiveSampling? sampling, ResidualAttention? attention, IProgressSink progress)
{
    /// <summary>Call at the start of each step, before the optimizer sees the objective.</summary>
    public void BeforeStep(PinnObjective objective, Tensor theta, long step, int phase)
    {
        if (sampling is not null && step > 0 && step % sampling.Every == 0)
        {
            foreach (var (term, before, after, poolMean, batchMean) in objective.Redraw(theta))
            {
                if (after > before && sampling.Growth > 1)
                    progress.Event(string.Create(CultureInfo.InvariantCulture,
                        $"adaptive sampling at step {step}: {term} batch grown from {before} to {after} points (pool mean r² {poolMean:G3} > {sampling.Gap:G3} × {batchMean:G3} on the points trained on)"));
            }
        }
        if (attention is null) return;
        bool weighs = attention.Weighs(phase);
        objective.SetAttentionActive(weighs);
        if (weighs && step % attention.UpdateEvery == 0) objective.UpdateAttention(theta);
    }
}
