namespace Pinn.Verification;

/// <summary>
/// The training history, one row per recorded step: stored under <c>/history</c> in a results file.
/// </summary>
/// <param name="Step">Optimizer step of each of the K rows.</param>
/// <param name="Seconds">Wall-clock seconds since the start of training.</param>
/// <param name="Loss">Total loss.</param>
/// <param name="TermLoss">Per-term losses, K × T (one column per term of the objective).</param>
/// <param name="TermNames">The T term names, e.g. <c>["interior", "boundary"]</c>.</param>
/// <param name="RelativeL2">Relative L2 error, NaN in rows where it was not evaluated.</param>
/// <param name="Phase">Optimizer phase of each row, e.g. <c>"adam"</c> then <c>"lbfgs"</c>.</param>
/// <remarks>Arrays are compared by reference by the record's equality. <see cref="HistoryRecorder"/> builds one row by row.</remarks>
public sealed record HistoryRecord(
    long[] Step,
    double[] Seconds,
    double[] Loss,
    double[,] TermLoss,
    string[] TermNames,
    double[] RelativeL2,
    string[] Phase)
{
    /// <summary>K, the number of rows.</summary>
    public int RowCount => Step.Length;

    /// <summary>A history without rows, for the given term names.</summary>
    public static HistoryRecord Empty(params string[] termNames) =>
        new([], [], [], new double[0, termNames.Length], termNames, [], []);

    /// <summary>The distinct phase names in order of first appearance.</summary>
    public string[] PhaseNames() => Phase.Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Checks that the columns agree in length; throws <see cref="ArgumentException"/> naming the first mismatch.</summary>
    internal void Validate()
    {
        RecordChecks.NotNull(Step, "history step");
        var rows = Step.Length;
        RecordChecks.Length(Seconds, rows, "history seconds", "step");
        RecordChecks.Length(Loss, rows, "history loss", "step");
        RecordChecks.Length(TermLoss, rows, "history term loss", "step");
        RecordChecks.Length(RelativeL2, rows, "history relative L2", "step");
        RecordChecks.Texts(Phase, "history phase");
        RecordChecks.Length(Phase, rows, "history phase", "step");
        RecordChecks.Texts(TermNames, "history term names");
        if (TermLoss.GetLength(1) != TermNames.Length)
        {
            throw RecordChecks.Fail(
                $"history term loss has {TermLoss.GetLength(1)} columns but there are {TermNames.Length} term names.");
        }
    }
}
