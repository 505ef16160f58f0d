namespace Pinn.Verification;

/// <summary>
/// The part of a results file that lets a run continue (<c>pinn resume</c>): the original arguments, the
/// position in the optimizer sequence, θ and the optimizer's state. Stored under <c>/checkpoint</c>.
/// </summary>
/// <param name="Arguments">The <c>solve</c> arguments of the run (problem first), replayed on resume.</param>
/// <param name="Phase">Index of the phase to continue.</param>
/// <param name="DoneInPhase">Steps of that phase already taken.</param>
/// <param name="Step">Global steps taken.</param>
/// <param name="Seconds">Training wall time so far.</param>
/// <param name="Revision">How often the collocation points have been redrawn.</param>
/// <param name="Reason">Why it was written: periodic, interrupted or diverged.</param>
/// <param name="Theta">The flat parameter vector θ.</param>
/// <param name="Optimizer">Name of the optimizer whose state is saved, or empty at a phase boundary.</param>
/// <param name="OptimizerState">The optimizer's saved arrays (numbers have shape []).</param>
public sealed record CheckpointRecord(
    string[] Arguments,
    long Phase,
    long DoneInPhase,
    long Step,
    double Seconds,
    long Revision,
    string Reason,
    double[] Theta,
    string Optimizer,
    IReadOnlyList<NamedArray> OptimizerState)
{
    /// <summary>The objective's saved arrays (adaptive sampling and attention; empty when the run uses neither).</summary>
    public IReadOnlyList<NamedArray> ObjectiveState { get; init; } = [];

    /// <summary>Checks the parts; throws <see cref="ArgumentException"/> naming the first problem.</summary>
    internal void Validate()
    {
        RecordChecks.NotNull(Arguments, "checkpoint arguments");
        if (Arguments.Length == 0 || Arguments.Any(a => a is null)) throw RecordChecks.Fail("checkpoint arguments must name the problem and hold no nulls.");
        if (Phase < 0 || DoneInPhase < 0 || Step < 0 || Revision < 0) throw RecordChecks.Fail("checkpoint counters must be non-negative.");
        RecordChecks.NotNull(Theta, "checkpoint theta");
        RecordChecks.NotNull(OptimizerState, "checkpoint optimizer state");
        RecordChecks.NotNull(ObjectiveState, "checkpoint objective state");
        foreach (var a in OptimizerState.Concat(ObjectiveState))
        {
            RecordChecks.NotNull(a, "checkpoint optimizer state entry");
            if (a.Shape.Aggregate(1L, (p, d) => p * d) != a.Values.Length)
                throw RecordChecks.Fail($"checkpoint optimizer state '{a.Name}' has {a.Values.Length} values for shape [{string.Join(", ", a.Shape)}].");
        }
    }
}

/// <summary>A named float64 array with its shape ([] for a number).</summary>
public sealed record NamedArray(string Name, long[] Shape, double[] Values);
