namespace Pinn.Solver.Training;

/// <summary>Receives progress during training (a terminal display, a log, nothing).</summary>
public interface IProgressSink
{
    /// <summary>A phase starts.</summary>
    void PhaseStarted(int phase, string optimizer, int steps);
    /// <summary>A step finished; <paramref name="totalSteps"/> is the planned total across phases.</summary>
    void Step(HistoryRow row, long totalSteps);
    /// <summary>Something worth telling (a stop, a rejected step).</summary>
    void Event(string message);
}

/// <summary>A sink that discards everything.</summary>
public sealed class SilentProgress : IProgressSink
{
    /// <summary>The shared instance.</summary>
    public static readonly SilentProgress Instance = new();
    /// <inheritdoc />
    public void PhaseStarted(int phase, string optimizer, int steps) { }
    /// <inheritdoc />
    public void Step(HistoryRow row, long totalSteps) { }
    /// <inheritdoc />
    public void Event(string message) { }
}
