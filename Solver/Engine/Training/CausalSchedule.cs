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
internal sealed class CausalSchedule(CausalWeighting? settings) : ITrainingHook
{
    /// <summary>The smallest weight above which causality has propagated over the whole interval (Wang et al.'s δ = 0.99).</summary>
    public const double Propagated = 0.99;

    private bool _updated;
    private bool _announced;

    /// <inheritdoc />
    public void BeforeStep(TrainingStep step)
    {
        if (settings is null) return;
        if (_updated && step.DoneInPhase != 0 && step.Step % settings.UpdateEvery != 0) return;
        step.Objective.UpdateCausalWeights(step.Theta);
        _updated = true;
    }

    /// <inheritdoc />
    /// <remarks>Tells once when the smallest weight has passed <see cref="Propagated"/>.</remarks>
    public void AfterStep(TrainingStep step, HistoryRow row)
    {
        var objective = step.Objective;
        if (settings is null || _announced || !(objective.CausalMinWeight > Propagated)) return;
        _announced = true;
        step.Progress.Event(string.Create(CultureInfo.InvariantCulture,
            $"causal weights: smallest weight {objective.CausalMinWeight:F4} > {Propagated} at step {step.Step}: the residual is resolved over the whole time interval (ε = {settings.Steepness:G4})"));
    }
}
