using System.Globalization;
using System.Text;
using Pinn.Verification;

namespace Pinn.Solver.Cli;

/// <summary>One row of a study: the varied values and what the run reached.</summary>
public sealed record StudyRow(IReadOnlyList<string> Values, long Parameters, long Residuals, long Steps, double Seconds, double Loss, double RelativeL2, double AbsoluteL2, double LInfinity)
{
    /// <summary>The row of a finished run's results file.</summary>
    public static StudyRow Of(IReadOnlyList<string> values, RunRecord record) =>
        new(values, record.Integer("parameters"), record.Integer("residuals"), record.Integer("steps"), record.Number("seconds"), record.Number("loss"),
            record.Number("rel_l2"), record.Number("abs_l2"), record.Number("linf"));
}

/// <summary>The study's table as CSV and markdown, written atomically.</summary>
public static class StudyTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>CSV with a header line: one column per varied key, then the results.</summary>
    public static string Csv(IReadOnlyList<string> keys, IReadOnlyList<StudyRow> rows)
    {
        var text = new StringBuilder($"{string.Join(',', keys)},parameters,residuals,steps,seconds,loss,rel_l2,abs_l2,linf\n");
        foreach (var r in rows)
            text.Append(string.Join(',', r.Values.Select(Quote)))
                .Append(string.Create(C, $",{r.Parameters},{r.Residuals},{r.Steps},{r.Seconds:R},{r.Loss:R},{r.RelativeL2:R},{r.AbsoluteL2:R},{r.LInfinity:R}\n"));
        return text.ToString();
    }

    /// <summary>A markdown table with the command that produced it, and the runs it lacks.</summary>
    public static string Markdown(string problem, IReadOnlyList<string> keys, IReadOnlyList<StudyRow> rows, string command, IReadOnlyList<string>? absent = null)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Convergence study: {problem}, varying {string.Join(" × ", keys)}");
        text.AppendLine();
        text.AppendLine($"Command: `{command}`. Errors on the problem's evaluation grid (equal-weight mean over ≥ 10 000 points).");
        text.AppendLine();
        text.AppendLine($"| {string.Join(" | ", keys)} | parameters | residual rows | steps | seconds | loss | rel. L2 | abs. L2 | L∞ |");
        text.AppendLine($"|{string.Concat(keys.Select(_ => "---|"))}---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            text.AppendLine($"| {string.Join(" | ", r.Values)} |" + string.Create(C,
                $" {r.Parameters} | {r.Residuals} | {r.Steps} | {r.Seconds:F1} | {r.Loss:E2} | {r.RelativeL2:E2} | {r.AbsoluteL2:E2} | {r.LInfinity:E2} |"));
        if (absent is { Count: > 0 })
        {
            text.AppendLine();
            text.AppendLine($"Not in the table ({absent.Count} of {rows.Count + absent.Count} runs):");
            text.AppendLine();
            foreach (var a in absent) text.AppendLine($"- {a}");
        }
        return text.ToString();
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file.</summary>
    public static void WriteAtomically(string path, string text) => Pinn.Verification.AtomicFile.WriteAllText(path, text);

    private static string Quote(string value) => value.Contains(',') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
