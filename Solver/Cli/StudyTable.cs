using System.Globalization;
using System.Text;
using Pinn.Solver.Training;

namespace Pinn.Solver.Cli;

/// <summary>One row of a convergence study.</summary>
public sealed record StudyRow(string Value, long Parameters, long Residuals, long Steps, double Seconds, double Loss, double RelativeL2, double AbsoluteL2, double LInfinity)
{
    /// <summary>The row of a finished run.</summary>
    public static StudyRow Of(string value, TrainingRun run) => new(value, run.ParameterCount, run.ResidualCount, run.Steps, run.Seconds, run.Loss,
        run.RelativeL2, run.Evaluation.Errors?.AbsoluteL2 ?? double.NaN, run.LInfinity);
}

/// <summary>The study's table as CSV and markdown, written atomically.</summary>
public static class StudyTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>CSV with a header line.</summary>
    public static string Csv(string key, IReadOnlyList<StudyRow> rows)
    {
        var text = new StringBuilder($"{key},parameters,residuals,steps,seconds,loss,rel_l2,abs_l2,linf\n");
        foreach (var r in rows)
            text.Append(string.Create(C, $"{Quote(r.Value)},{r.Parameters},{r.Residuals},{r.Steps},{r.Seconds:R},{r.Loss:R},{r.RelativeL2:R},{r.AbsoluteL2:R},{r.LInfinity:R}\n"));
        return text.ToString();
    }

    /// <summary>A markdown table with the command that produced it.</summary>
    public static string Markdown(StudyPlan plan, IReadOnlyList<StudyRow> rows, string command)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Convergence study: {plan.Problem}, varying {plan.Key}");
        text.AppendLine();
        text.AppendLine($"Command: `{command}`. Errors on the problem's evaluation grid (equal-weight mean over ≥ 10 000 points).");
        text.AppendLine();
        text.AppendLine($"| {plan.Key} | parameters | residual rows | steps | seconds | loss | rel. L2 | abs. L2 | L∞ |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            text.AppendLine(string.Create(C, $"| {r.Value} | {r.Parameters} | {r.Residuals} | {r.Steps} | {r.Seconds:F1} | {r.Loss:E2} | {r.RelativeL2:E2} | {r.AbsoluteL2:E2} | {r.LInfinity:E2} |"));
        return text.ToString();
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static string Quote(string value) => value.Contains(',') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
