using System.Text.Json.Nodes;
using Pinn.Solver.Singularity;

namespace Pinn.Solver.Cli;

/// <summary><c>pinn singularity ccf</c> and <c>pinn singularity burgers --method analytic</c>: the analytic-ansatz search.</summary>
public static class SingularityAnalyticCommand
{
    /// <summary>Runs the search, prints the summary, writes the results file and figures.</summary>
    public static int Execute(SingularitySettings s)
    {
        var equation = s.Equation();
        var options = s.ToAnalyticOptions();
        var progress = SingularityCommand.Start(s);
        var result = new AnalyticProfileSolver(equation, options, progress).Run();
        string? figures = null;
        if (s.Out is not null)
        {
            AnalyticSingularityFile.Write(s.Out, result, options, Environment.GetCommandLineArgs());
            figures = AnalyticProfilePlot.Write(Path.ChangeExtension(s.Out, null), result);
            progress($"wrote {s.Out}, {figures}-profile.png/.svg and {figures}-residual.png/.svg");
        }
        return SingularityCommand.Print(s, Summary(result, s.Out, figures));
    }

    /// <summary>The summary: λ and its error against the reference, the residual maximum, each stage.</summary>
    public static JsonObject Summary(AnalyticProfileResult r, string? outPath, string? figures)
    {
        static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
        return new JsonObject
        {
            ["problem"] = r.Equation,
            ["method"] = "analytic",
            ["branch"] = r.Branch,
            ["lambda"] = Num(r.Lambda),
            ["lambda_reference"] = Num(r.ReferenceLambda),
            ["lambda_error"] = Num(r.LambdaError),
            ["max_residual"] = Num(r.MaxResidual),
            ["max_residual_definition"] = AnalyticProfileResult.ResidualDefinition,
            ["validation_points"] = r.Zeta.Length,
            ["hilbert_check"] = Num(r.HilbertCheck),
            ["stages"] = r.Stages.Count,
            ["stage_max_residual"] = new JsonArray(r.Stages.Select(st => Num(st.MaxResidual)).ToArray()),
            ["stage_lambda"] = new JsonArray(r.Stages.Select(st => Num(st.Lambda)).ToArray()),
            ["stage_steps"] = new JsonArray(r.Stages.Select(st => (JsonNode)st.Steps).ToArray()),
            ["stage_seconds"] = new JsonArray(r.Stages.Select(st => Num(st.Seconds)).ToArray()),
            ["search_solves"] = r.Search.Count,
            ["seconds"] = Num(r.Seconds),
            ["out"] = outPath,
            ["figures"] = figures,
        };
    }
}
