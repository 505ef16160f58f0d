namespace Pinn.Verification.Figures;

/// <summary>All figures of one run: the training history and, for 1-D and 2-D domains, the solution fields.</summary>
/// <example>
/// <code>
/// ResultsFile.Write("run.h5", record);
/// var files = RunFigures.Write("run.h5", record);   // run.history.png/.svg, run.history-time…, run.solution…, run.exact…, run.error…
/// </code>
/// </example>
public static class RunFigures
{
    /// <summary>The figures of <paramref name="record"/>: <see cref="HistoryFigures.All"/> then <see cref="FieldFigures.Build"/>.</summary>
    public static IReadOnlyList<Figure> Build(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return [.. HistoryFigures.All(record.History), .. FieldFigures.Build(record.Evaluation)];
    }

    /// <summary>Builds and writes the figures next to <paramref name="basePath"/>; returns the files written.</summary>
    /// <exception cref="IOException">A file cannot be written; nothing is left behind (see <see cref="FigureWriter"/>).</exception>
    public static IReadOnlyList<string> Write(string basePath, RunRecord record, FigureOptions? options = null) =>
        FigureWriter.Write(basePath, Build(record), options);
}
