using System.Globalization;
using Pinn.Solver.Engine;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

/// <summary>
/// When the trainer recomputes the causal weights: at the start of the first step of a run (fresh or resumed),
/// of every phase, and of every step whose global index is a multiple of <see cref="CausalWeighting.UpdateEvery"/>;
/// always from θ at that step's start, so the weights, and with them a resumed run, are reproducible. Announces
/// once when the smallest weight first exceeds <see cref="Propagated"/>.
/// </summary>
/// <remarks>
/// A run resumed from a checkpoint taken between two updates (only possible with UpdateEvery &gt; 1 and a
/// checkpoint step that is not a multiple of it) recomputes the weights at the resumed θ, so it departs from
/// the uninterrupted run; with UpdateEvery = 1, or periodic checkpoints at multiples of it, resumes are bitwise.
/// </remarks>
internal sealed class CausalSchedule(CausalWeighting? settings, IProgressSink progress)
{
    /// <summary>The smallest weight above which causality has propagated over the whole interval (Wang et al.'s δ = 0.99).</summary>
    public const double Propagated = 0.99;

    private bool _updated;
    private bool _announced;

    /// <summary>Call at the start of each step, before the optimizer sees the objective.</summary>
    public void BeforeStep(PinnObjective objective, Tensor theta, long step, int doneInPhase)
    {
        if (settings is null) return;
        if (_updated && doneInPhase != 0 && step % settings.UpdateEvery != 0) return;
        objective.UpdateCausalWeights(theta);
        _updated = true;
    }

    /// <summary>Call after a recorded step: tells once when the smallest weight has passed <see cref="Propagated"/>.</summary>
    public void AfterStep(PinnObjective objective, long step)
    {
        if (settings is null || _announced || !(objective.CausalMinWeight > Propagated)) return;
        _announced = true;
        progress.Event(string.Create(CultureInfo.InvariantCulture,
            $"causal weights: smallest weight {objective.CausalMinWeight:F4} > {Propagated} at step {step}: the residual is resolved over the whole time interval (ε = {settings.Steepness:G4})"));
    }
}
