using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Optimizers;
using Pinn.Problems;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using Pinn.Verification;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Pinn.Solver.Cli;

/// <summary><c>pinn solve PROBLEM</c>: trains a network on a catalogue problem and reports the errors.</summary>
public sealed class SolveCommand : Command<SolveSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, SolveSettings s, CancellationToken cancellationToken)
    {
        var job = SolveJob.FromSettings(s, Environment.GetCommandLineArgs());
        var progress = s.Quiet ? null : ConsoleProgress.ForStderr(job.Training.EvaluateEvery > 0 ? job.Training.EvaluateEvery : 100);
        var run = job.Run((IProgressSink?)progress ?? SilentProgress.Instance);
        progress?.CloseLine();
        if (s.Out is not null) ResultsWriter.Write(s.Out, run, job);
        if (s.Json) Console.WriteLine(Summary(run, job).ToJsonString());
        else Console.WriteLine(run.Report());
        return ExitCodes.Ok;
    }

    /// <summary>The JSON summary: one object.</summary>
    public static JsonObject Summary(TrainingRun run, SolveJob job)
    {
        static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
        return new JsonObject
        {
            ["problem"] = run.Problem,
            ["optimizer"] = run.Optimizer,
            ["hidden"] = new JsonArray(job.Network.Hidden.Select(h => (JsonNode)h).ToArray()),
            ["activation"] = job.Network.Activation.ToString().ToLowerInvariant(),
            ["parameters"] = run.ParameterCount,
            ["residuals"] = job.ResidualCount,
            ["steps"] = run.Steps,
            ["seconds"] = Num(run.Seconds),
            ["loss"] = Num(run.Loss),
            ["rel_l2"] = Num(run.RelativeL2),
            ["abs_l2"] = Num(run.Evaluation.Errors?.AbsoluteL2 ?? double.NaN),
            ["linf"] = Num(run.LInfinity),
            ["eval_points"] = run.Evaluation.Prediction.Length,
            ["seed"] = job.Seed,
            ["phases"] = new JsonArray(run.Phases.Select(p => (JsonNode)new JsonObject
            {
                ["optimizer"] = p.Optimizer,
                ["steps"] = p.Steps,
                ["planned"] = p.PlannedSteps,
                ["seconds"] = Num(p.Seconds),
                ["loss"] = Num(p.FinalLoss),
                ["stop"] = p.Stop.ToString(),
            }).ToArray()),
            ["out"] = job.OutPath,
        };
    }
}
