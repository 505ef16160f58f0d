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
        if (s.ScanLambdas() is { } lambdas)
        {
            if (s.Out is not null) throw new UsageException("--scan prints the indicator along λ and writes no results file; drop --out (or --scan)");
            var points = new AnalyticProfileSolver(equation, options, SingularityCommand.Start(s)).Scan(lambdas);
            return SingularityCommand.Print(s, ScanSummary(equation, options, points));
        }
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

    /// <summary>The summary of a scan: per λ, R's origin coefficient and the fit's loss, steps and stop.</summary>
    public static JsonObject ScanSummary(IProfileEquation equation, AnalyticSingularityOptions options, IReadOnlyList<LambdaScanPoint> points)
    {
        static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
        return new JsonObject
        {
            ["problem"] = equation.Name,
            ["method"] = "analytic",
            ["branch"] = options.Branch,
            ["lambda_reference"] = Num(equation.ReferenceLambda(options.Branch)),
            ["scan_lambda"] = new JsonArray(points.Select(p => Num(p.Lambda)).ToArray()),
            ["scan_indicator"] = new JsonArray(points.Select(p => Num(p.Indicator)).ToArray()),
            ["scan_loss"] = new JsonArray(points.Select(p => Num(p.Loss)).ToArray()),
            ["scan_steps"] = new JsonArray(points.Select(p => (JsonNode)p.Steps).ToArray()),
            ["scan_stop"] = new JsonArray(points.Select(p => (JsonNode)p.Stop).ToArray()),
        };
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
