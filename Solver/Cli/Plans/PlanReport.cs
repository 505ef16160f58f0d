using Pinn.Solver.Bench;

namespace Pinn.Solver.Cli;

/// <summary>
/// The tables and figures of a plan, built from whatever results files exist: what <c>pinn gather</c> writes, and what
/// <c>pinn study</c> and <c>pinn bench</c> write after running their plan (one code path, so a gathered cluster study
/// and a local one give the same files). Runs without results are listed, not guessed.
/// </summary>
public static class PlanReport
{
    /// <summary>What was written: the markdown table, the files (names in the plan's out folder) and each run's state.</summary>
    public sealed record Written(string Markdown, IReadOnlyList<string> Files, IReadOnlyList<RunState> States)
    {
        /// <summary>The runs that are not done.</summary>
        public IReadOnlyList<RunState> Absent => States.Where(s => s.Progress != RunProgress.Done).ToArray();
    }

    /// <summary>Every run's state, read from its files.</summary>
    public static IReadOnlyList<RunState> States(RunPlan plan) => plan.Entries.Select(e => RunState.Of(plan, e)).ToArray();

    /// <summary>Writes the plan's tables and figures into its out folder.</summary>
    public static Written Write(RunPlan plan, IReadOnlyList<RunState> states, TorchComparison? torch = null)
    {
        var directory = plan.OutDirectory;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot create the plan's out folder '{directory}': {e.Message}");
        }
        return plan.Header.Kind == PlanHeader.Study ? Study(plan, states, directory) : Bench(plan, states, directory, torch);
    }

    private static Written Study(RunPlan plan, IReadOnlyList<RunState> states, string directory)
    {
        var keys = plan.Header.Keys;
        var rows = states.Where(s => s.Progress == RunProgress.Done).Select(s => StudyRow.Of(keys.Select(k => s.Entry[k]).ToArray(), s.Record!)).ToArray();
        var absent = states.Where(s => s.Progress != RunProgress.Done).Select(s => s.ToString()).ToArray();
        var markdown = StudyTable.Markdown(plan.Header.Problem ?? "?", keys, rows, plan.Header.Command, absent);
        StudyTable.WriteAtomically(Path.Combine(directory, "study.csv"), StudyTable.Csv(keys, rows));
        StudyTable.WriteAtomically(Path.Combine(directory, "study.md"), markdown);
        var files = new List<string> { "study.md", "study.csv" };
        if (rows.Length > 0) files.AddRange(StudyFigure.Write(plan.Header.Problem ?? "?", keys, rows, directory));
        return new Written(markdown, files, states);
    }

    private static Written Bench(RunPlan plan, IReadOnlyList<RunState> states, string directory, TorchComparison? torch)
    {
        var results = states.Where(s => s.Progress is RunProgress.Done or RunProgress.Failed).Select(s =>
        {
            var c = Case(s.Entry);
            return s.Progress == RunProgress.Done ? BenchResult.Of(c, s.Entry.Command, s.Record!) : BenchResult.Failed(c, s.Entry.Command, s.Detail);
        }).ToArray();
        var markdown = BenchReport.Markdown(plan.Header.Suite ?? "?", plan.Header.Budget, results, torch);
        var absent = states.Where(s => s.Progress is RunProgress.Missing or RunProgress.Incomplete).ToArray();
        if (absent.Length > 0)
            markdown += $"\nNot in the table ({absent.Length} of {states.Count} runs):\n\n" + string.Concat(absent.Select(a => $"- {a}\n"));
        StudyTable.WriteAtomically(Path.Combine(directory, "results.md"), markdown);
        StudyTable.WriteAtomically(Path.Combine(directory, "results.csv"), BenchReport.Csv(results));
        StudyTable.WriteAtomically(Path.Combine(directory, "curves.csv"), BenchReport.Curves(results, torch));
        var figures = BenchReport.Figures(directory, results, torch);
        return new Written(markdown, ["results.md", "results.csv", "curves.csv", .. figures.Select(Path.GetFileName).OfType<string>()], states);
    }

    /// <summary>The bench case of a run: its problem and optimizer labels and its <c>--optimizer</c> spec.</summary>
    private static BenchCase Case(PlanEntry e)
    {
        int i = e.Arguments.ToList().IndexOf("--optimizer");
        return new BenchCase(e["problem"], e["optimizer"], i >= 0 && i + 1 < e.Arguments.Count ? e.Arguments[i + 1] : "?");
    }
}
