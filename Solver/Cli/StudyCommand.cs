using System.Globalization;
using System.Text.Json.Nodes;
using Pinn.Solver.Training;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>
/// <c>pinn study PROBLEM --vary width=8,16,32</c>: one solve per value; writes study.md, study.csv and a
/// log-log figure of the error against the varied quantity into the output directory.
/// </summary>
public sealed class StudyCommand : Command<StudySettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, StudySettings s, CancellationToken cancellationToken)
    {
        var plan = StudyPlan.From(s);
        try
        {
            Directory.CreateDirectory(plan.OutDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot create --out directory '{plan.OutDirectory}': {e.Message}");
        }
        var rows = new List<StudyRow>();
        for (int i = 0; i < plan.Runs.Count; i++)
        {
            var job = SolveJob.FromSettings(plan.Runs[i], ["solve", plan.Problem]);
            var run = job.Run(SilentProgress.Instance, cancellationToken);
            rows.Add(StudyRow.Of(plan.Values[i], run));
            if (!s.Quiet)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"study {i + 1}/{plan.Runs.Count}: {plan.Key}={plan.Values[i]}  rel. L2 {run.RelativeL2:E3}  loss {run.Loss:E3}  {run.Steps} steps  {run.Seconds:F1} s"));
            if (run.Outcome == TrainingOutcome.Interrupted) throw new OperationCanceledException("study interrupted");
        }
        var command = "pinn " + string.Join(' ', context.Arguments);
        StudyTable.WriteAtomically(Path.Combine(plan.OutDirectory, "study.csv"), StudyTable.Csv(plan.Key, rows));
        StudyTable.WriteAtomically(Path.Combine(plan.OutDirectory, "study.md"), StudyTable.Markdown(plan, rows, command));
        var files = new List<string> { "study.md", "study.csv" };
        files.AddRange(StudyFigure.Write(plan, rows));
        if (s.Json)
        {
            static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
            Console.WriteLine(new JsonObject
            {
                ["problem"] = plan.Problem,
                ["vary"] = plan.Key,
                ["out"] = plan.OutDirectory,
                ["files"] = new JsonArray(files.Select(f => (JsonNode)f).ToArray()),
                ["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
                {
                    [plan.Key] = r.Value, ["parameters"] = r.Parameters, ["steps"] = r.Steps, ["seconds"] = Num(r.Seconds),
                    ["loss"] = Num(r.Loss), ["rel_l2"] = Num(r.RelativeL2), ["abs_l2"] = Num(r.AbsoluteL2), ["linf"] = Num(r.LInfinity),
                }).ToArray()),
            }.ToJsonString());
        }
        else
        {
            Console.WriteLine(StudyTable.Markdown(plan, rows, command));
            Console.WriteLine($"wrote {string.Join(", ", files.Select(f => Path.Combine(plan.OutDirectory, f)))}");
        }
        return ExitCodes.Ok;
    }
}
