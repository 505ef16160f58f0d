namespace Pinn.Verification;

/// <summary>Collects a training history row by row and returns it as a <see cref="HistoryRecord"/>.</summary>
/// <example>
/// <code>
/// var history = new HistoryRecorder("interior", "boundary");
/// history.Add(step: 10, seconds: 0.8, loss: 1e-2, termLosses: [8e-3, 2e-3], phase: "adam");
/// var record = history.ToRecord();
/// </code>
/// </example>
public sealed class HistoryRecorder
{
    private readonly string[] _termNames;
    private readonly List<long> _step = [];
    private readonly List<double> _seconds = [];
    private readonly List<double> _loss = [];
    private readonly List<double[]> _termLoss = [];
    private readonly List<double> _relativeL2 = [];
    private readonly List<string> _phase = [];

    /// <summary>A recorder for an objective with the given term names (one column each).</summary>
    public HistoryRecorder(params string[] termNames)
    {
        RecordChecks.Texts(termNames, "term names");
        _termNames = (string[])termNames.Clone();
    }

    /// <summary>K, the number of rows so far.</summary>
    public int RowCount => _step.Count;

    /// <summary>Appends one row; <paramref name="relativeL2"/> defaults to NaN (not evaluated at this step).</summary>
    public void Add(long step, double seconds, double loss, ReadOnlySpan<double> termLosses, string phase,
        double relativeL2 = double.NaN)
    {
        if (termLosses.Length != _termNames.Length)
        {
            throw new ArgumentException(
                $"{termLosses.Length} term losses given but the history has {_termNames.Length} terms ({string.Join(", ", _termNames)}).",
                nameof(termLosses));
        }
        RecordChecks.Text(phase, "phase");
        _step.Add(step);
        _seconds.Add(seconds);
        _loss.Add(loss);
        _termLoss.Add(termLosses.ToArray());
        _relativeL2.Add(relativeL2);
        _phase.Add(phase);
    }

    /// <summary>The rows so far as a new record (later rows do not change it).</summary>
    public HistoryRecord ToRecord()
    {
        var termLoss = new double[_termLoss.Count, _termNames.Length];
        for (var row = 0; row < _termLoss.Count; row++)
        {
            for (var term = 0; term < _termNames.Length; term++)
            {
                termLoss[row, term] = _termLoss[row][term];
            }
        }
        return new HistoryRecord([.. _step], [.. _seconds], [.. _loss], termLoss, (string[])_termNames.Clone(),
            [.. _relativeL2], [.. _phase]);
    }
}
