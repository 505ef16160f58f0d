namespace Pinn.Verification;

/// <summary>
/// Everything a results file holds about one run: configuration, evaluation, history, network and provenance.
/// Written and read by <see cref="ResultsFile"/>.
/// </summary>
/// <param name="Config">Configuration attributes in order; each value is a string, double, long or bool
/// (int and smaller integers are written as long, float as double).</param>
/// <param name="Evaluation">The network evaluated at points of the domain.</param>
/// <param name="History">The training history.</param>
/// <param name="Network">Architecture and parameters.</param>
/// <param name="Provenance">Versions, machine, date, seed, device and command line.</param>
public sealed record RunRecord(
    OrderedDictionary<string, object> Config,
    EvaluationRecord Evaluation,
    HistoryRecord History,
    NetworkRecord Network,
    ProvenanceRecord Provenance)
{
    /// <summary>The state to continue the run from (checkpoint files), or null for a finished run's results.</summary>
    public CheckpointRecord? Checkpoint { get; init; }

    /// <summary>Checks every part; throws <see cref="ArgumentException"/> with a one-line message naming the problem.</summary>
    public void Validate()
    {
        RecordChecks.NotNull(Config, "config");
        foreach (var (key, value) in Config)
        {
            RecordChecks.Name(key, "config key");
            ConfigValues.Normalize(key, value);
        }
        RecordChecks.NotNull(Evaluation, "evaluation");
        Evaluation.Validate();
        RecordChecks.NotNull(History, "history");
        History.Validate();
        RecordChecks.NotNull(Network, "network");
        Network.Validate();
        RecordChecks.NotNull(Provenance, "provenance");
        Provenance.Validate();
        Checkpoint?.Validate();
    }
}
