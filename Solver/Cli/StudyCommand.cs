using System.Text.Json.Nodes;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>
/// <c>pinn study PROBLEM --vary width=8,16,32 [--vary seed=0,1]</c>: one solve per combination of values, run as a plan
/// (each run its own process and results file under OUT/runs); writes study.md, study.csv and a log-log figure of the
/// error against the first numeric varied quantity. With <c>--plan FILE</c> it writes the plan and runs nothing.
/// </summary>
public sealed class StudyCommand : Command<StudySettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, StudySettings s, CancellationToken cancellationToken)
    {
        var study = StudyPlan.From(s);
        int jobs = Arguments.Positive("--jobs", s.Jobs);
        var plan = study.ToRunPlan("pinn study " + ShellWords.Join(context.Arguments.SkipWhile(a => a == "study")));
        if (s.Plan is not null) return LocalPlan.Announce(s.Plan, plan);
        var (written, outcome) = LocalPlan.Run(plan, Path.Combine(study.OutDirectory, "study.plan"), jobs, s.Quiet, "study");
        if (outcome.Interrupted) return ExitCodes.Interrupted;
        var report = PlanReport.Write(written, PlanReport.States(written));
        if (s.Json) Console.WriteLine(Json(written, report).ToJsonString());
        else
        {
            Console.WriteLine(report.Markdown);
            Console.WriteLine($"wrote {string.Join(", ", report.Files.Select(f => Path.Combine(study.OutDirectory, f)))}");
        }
        return report.Absent.Count > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }

    private static JsonObject Json(RunPlan plan, PlanReport.Written report)
    {
        static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
        var keys = plan.Header.Keys;
        return new JsonObject
        {
            ["problem"] = plan.Header.Problem,
            ["vary"] = keys.Count == 1 ? keys[0] : new JsonArray(keys.Select(k => (JsonNode)k).ToArray()),
            ["out"] = plan.OutDirectory,
            ["files"] = new JsonArray(report.Files.Select(f => (JsonNode)f).ToArray()),
            ["rows"] = new JsonArray(report.States.Where(r => r.Progress == RunProgress.Done).Select(r =>
            {
                var row = new JsonObject();
                foreach (var k in keys) row[k] = r.Entry[k];
                var c = r.Record!;
                row["parameters"] = c.Integer("parameters");
                row["steps"] = c.Integer("steps");
                row["seconds"] = Num(c.Number("seconds"));
                row["loss"] = Num(c.Number("loss"));
                row["rel_l2"] = Num(c.Number("rel_l2"));
                row["abs_l2"] = Num(c.Number("abs_l2"));
                row["linf"] = Num(c.Number("linf"));
                return (JsonNode)row;
            }).ToArray()),
            ["absent"] = new JsonArray(report.Absent.Select(a => (JsonNode)a.ToString()).ToArray()),
        };
    }
}
