using System.Text.Json.Nodes;
using Pinn.Solver.Singularity;
using Pinn.Verification;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Pinn.Solver.Cli;

/// <summary><c>pinn singularity burgers --branch I</c>: finds a self-similar blow-up profile and its rate λ to high precision.</summary>
public sealed class SingularityCommand : Command<SingularitySettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, SingularitySettings s, CancellationToken cancellationToken)
    {
        if (s.Analytic) return SingularityAnalyticCommand.Execute(s);
        var options = s.ToOptions();
        if (s.Out is not null)
        {
            try { ResultsFile.EnsureWritable(s.Out); }
            catch (IOException e) { throw new UsageException(e.Message); }
        }
        set_num_threads(Arguments.Positive("--threads", s.Threads));
        Action<string> progress = s.Quiet ? _ => { } : line => Console.Error.WriteLine(line);
        using var solver = new ProfileSolver(options, progress);
        var result = solver.Run();
        string? plot = null;
        if (s.Out is not null)
        {
            SingularityFile.Write(s.Out, result, options, Environment.GetCommandLineArgs());
            plot = ResidualPlot.Write(Path.ChangeExtension(s.Out, null) + "-residual", result);
            progress($"wrote {s.Out} and {plot}.png/.svg");
        }
        var summary = Summary(result, s.Out, plot);
        Console.WriteLine(s.Json ? summary.ToJsonString() : string.Join(Environment.NewLine, summary.Select(p => $"{p.Key}: {p.Value?.ToJsonString()}")));
        return ExitCodes.Ok;
    }

    /// <summary>The summary: λ, its error, the residual and error maxima, and each stage.</summary>
    public static JsonObject Summary(SingularityResult r, string? outPath, string? plot)
    {
        static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
        return new JsonObject
        {
            ["problem"] = "burgers-profile",
            ["branch"] = r.Branch,
            ["lambda"] = Num(r.Lambda),
            ["lambda_exact"] = Num(r.ExactLambda),
            ["lambda_error"] = Num(r.LambdaError),
            ["max_residual"] = Num(r.MaxResidual),
            ["max_residual_definition"] = SingularityResult.ResidualDefinition,
            ["validation_points"] = r.Zeta.Length,
            ["max_raw_residual_y10"] = Num(r.MaxRawResidual),
            ["max_error"] = Num(r.MaxError),
            ["stages"] = r.Stages.Count,
            ["stage_max_residual"] = new JsonArray(r.Stages.Select(st => Num(st.MaxResidual)).ToArray()),
            ["stage_steps"] = new JsonArray(r.Stages.Select(st => (JsonNode)st.Steps).ToArray()),
            ["search_solves"] = r.Search.Count,
            ["seconds"] = Num(r.Seconds),
            ["out"] = outPath,
            ["plot"] = plot is null ? null : plot + ".png",
        };
    }
}
