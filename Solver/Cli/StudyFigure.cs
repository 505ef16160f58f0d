using System.Globalization;
using Pinn.Verification.Figures;

namespace Pinn.Solver.Cli;

/// <summary>
/// The study's figure: the error against the first numeric varied quantity on log-log axes; with one varied quantity
/// rel. and abs. L2, with several one rel. L2 line per combination of the others.
/// </summary>
internal static class StudyFigure
{
    /// <summary>Writes study.figure.png and .svg into <paramref name="directory"/>; returns their names (none without a numeric quantity or a positive error).</summary>
    public static IEnumerable<string> Write(string problem, IReadOnlyList<string> keys, IReadOnlyList<StudyRow> rows, string directory)
    {
        int x = keys.Select((k, i) => (k, i)).Where(p => p.k != "optimizer").Select(p => p.i).DefaultIfEmpty(-1).First();
        if (x < 0)
        {
            Console.Error.WriteLine("pinn: study: no figure for a varied optimizer (not a number); see study.md");
            return [];
        }
        var study = new ConvergenceStudy($"{problem}: error against {keys[x]}", keys[x], "error");
        foreach (var r in rows)
        {
            var q = double.Parse(r.Values[x], CultureInfo.InvariantCulture);
            if (keys.Count == 1) study.Add("rel. L2", q, r.RelativeL2).Add("abs. L2 (RMS)", q, r.AbsoluteL2);
            else study.Add(string.Join(", ", keys.Select((k, i) => (k, i)).Where(p => p.i != x).Select(p => $"{p.k}={r.Values[p.i]}")) + ": rel. L2", q, r.RelativeL2);
        }
        if (!study.Rows.Any(p => p.Quantity > 0 && double.IsFinite(p.Quantity) && p.Error > 0 && double.IsFinite(p.Error))) return [];   // nothing on log-log axes
        var files = FigureWriter.Write(Path.Combine(directory, "study.h5"), [ConvergenceFigure.Build(study, "figure")]);
        return files.Select(Path.GetFileName).OfType<string>();
    }
}
