namespace Pinn.Solver.Cli;

/// <summary>The study's figure: error against the varied quantity (written once the figure library is in place).</summary>
internal static class StudyFigure
{
    /// <summary>Writes the figure files into the plan's directory; returns their names.</summary>
    public static IEnumerable<string> Write(StudyPlan plan, IReadOnlyList<StudyRow> rows) => [];
}
