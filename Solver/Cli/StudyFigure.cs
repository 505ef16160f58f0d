using Pinn.Verification.Figures;

namespace Pinn.Solver.Cli;

/// <summary>The study's figure: rel. and abs. L2 error against the varied quantity on log-log axes.</summary>
internal static class StudyFigure
{
    /// <summary>Writes study.png and study.svg into the plan's directory (numeric quantities only); returns their names.</summary>
    public static IEnumerable<string> Write(StudyPlan plan, IReadOnlyList<StudyRow> rows)
    {
        if (!plan.Numeric)
        {
            Console.Error.WriteLine("pinn: study: no figure for a varied optimizer (not a number); see study.md");
            return [];
        }
        var study = new ConvergenceStudy($"{plan.Problem}: error against {plan.Key}", plan.Key, "error");
        foreach (var r in rows)
        {
            var q = double.Parse(r.Value, System.Globalization.CultureInfo.InvariantCulture);
            study.Add("rel. L2", q, r.RelativeL2).Add("abs. L2 (RMS)", q, r.AbsoluteL2);
        }
        if (!rows.Any(r => double.IsFinite(r.RelativeL2) && r.RelativeL2 > 0)) return [];
        var files = FigureWriter.Write(Path.Combine(plan.OutDirectory, "study.h5"), [ConvergenceFigure.Build(study, "figure")]);
        return files.Select(Path.GetFileName).OfType<string>();
    }
}
