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
        var progress = Start(s);
        if (options.Branch > SingularityOptions.VerifiedBranch)
            progress($"warning: branch {options.Branch} is above {SingularityOptions.VerifiedBranch}, the highest verified to max residual 1e-13 (README, singularity search): check λ's error in the summary");
        using var solver = new ProfileSolver(options, progress);
        var result = solver.Run();
        string? plot = null;
        if (s.Out is not null)
        {
            SingularityFile.Write(s.Out, result, options, Environment.GetCommandLineArgs());
            plot = ResidualPlot.Write(Path.ChangeExtension(s.Out, null) + "-residual", result);
            progress($"wrote {s.Out} and {plot}.png/.svg");
        }
        return Print(s, Summary(result, s.Out, plot));
    }

    /// <summary>Checks that --out can be written, sets the torch threads, and returns the progress sink (stderr unless -q).</summary>
    public static Action<string> Start(SingularitySettings s)
    {
        if (s.Out is not null)
        {
            try { ResultsFile.EnsureWritable(s.Out); }
            catch (IOException e) { throw new UsageException(e.Message); }
        }
        set_num_threads(Arguments.Positive("--threads", s.Threads));
        return s.Quiet ? _ => { } : line => Console.Error.WriteLine(line);
    }

    /// <summary>Prints the summary (one line of JSON with --json, else key: value lines) and returns the exit code.</summary>
    public static int Print(SingularitySettings s, JsonObject summary)
    {
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
            ["stage_basis"] = new JsonArray(r.Stages.Select(st => (JsonNode)st.Basis).ToArray()),
            ["search_solves"] = r.Search.Count,
            ["seconds"] = Num(r.Seconds),
            ["out"] = outPath,
            ["plot"] = plot is null ? null : plot + ".png",
        };
    }
}
