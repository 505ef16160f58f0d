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
        var job = SolveJob.FromSettings(s, context.Arguments);
        var progress = s.Quiet ? null : ConsoleProgress.ForStderr(job.Training.EvaluateEvery > 0 ? job.Training.EvaluateEvery : 100, job.Training.TimeBudget);
        using var signals = StopSignals.Listen(cancellationToken);   // held until the end: a second signal cannot cut the checkpoint short
        TrainingRun run;
        try
        {
            run = job.Run((IProgressSink?)progress ?? SilentProgress.Instance, signals.Token);
        }
        finally
        {
            progress?.CloseLine();
        }
        if (run.Outcome == TrainingOutcome.Interrupted || run.Outcome.IsFailure())
        {
            var what = run.Outcome == TrainingOutcome.Interrupted ? $"interrupted ({signals.Name})" : $"failed ({run.Outcome}): {run.OutcomeReason}";
            Console.Error.WriteLine($"pinn: {what} at step {run.Steps}; checkpoint written to {job.LastCheckpoint}; continue with: pinn resume {job.LastCheckpoint}");
            if (s.Json) Console.WriteLine(Summary(run, job).ToJsonString());
            return run.Outcome == TrainingOutcome.Interrupted ? signals.ExitCode : ExitCodes.Failure;
        }
        if (s.Out is not null)
        {
            var record = ResultsWriter.ToRecord(run, job);
            Pinn.Verification.ResultsFile.Write(s.Out, record);
            if (s.Plot)
                foreach (var figure in PlotCommand.Write(s.Out, record)) Console.Error.WriteLine($"pinn: wrote {figure}");
        }
        if (s.Json) Console.WriteLine(Summary(run, job).ToJsonString());
        else Console.WriteLine(run.Report());
        if (AccuracyWarning(run) is { } warning) Console.Error.WriteLine(warning);
        return ExitCodes.Ok;
    }

    /// <summary>The rel. L2 above which a finished run ends with <see cref="AccuracyWarning"/>.</summary>
    public const double WarnAbove = 1e-2;

    /// <summary>
    /// One line for stderr when a finished run's rel. L2 is above <see cref="WarnAbove"/> (printed even with
    /// <c>--quiet</c>: a run that misses it is not a failure, but it should not pass silently); null otherwise.
    /// </summary>
    public static string? AccuracyWarning(TrainingRun run)
    {
        if (!(run.RelativeL2 > WarnAbove)) return null;
        var why = run.Outcome == TrainingOutcome.BudgetReached ? "the time budget ended it; raise --budget" : "give it more steps (--optimizer)";
        return FormattableString.Invariant(
            $"pinn: warning: this run did not reach rel. L2 {WarnAbove:0e0} (it ended at {run.RelativeL2:0.0e+00}); {why}, or see the problem's recipe in 'pinn list' and BENCHMARKS.md, section defaults");
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
            ["eval_grid"] = run.Evaluation.Grid,
            ["outputs"] = run.Evaluation.OutputErrors.Count == 0 ? null : new JsonObject(run.Evaluation.OutputErrors.Select(o =>
                KeyValuePair.Create(o.Name, (JsonNode?)new JsonObject
                {
                    ["rel_l2"] = Num(o.Errors.RelativeL2),
                    ["abs_l2"] = Num(o.Errors.AbsoluteL2),
                    ["linf"] = Num(o.Errors.LInfinity),
                }))),
            ["seed"] = job.Seed,
            ["outcome"] = run.Outcome.ToString(),
            ["stop_reason"] = run.OutcomeReason,
            ["phases"] = new JsonArray(run.Phases.Select(p => (JsonNode)new JsonObject
            {
                ["optimizer"] = p.Optimizer,
                ["steps"] = p.Steps,
                ["planned"] = p.PlannedSteps,
                ["seconds"] = Num(p.Seconds),
                ["loss"] = Num(p.FinalLoss),
                ["stop"] = p.StopName,
            }).ToArray()),
            ["out"] = job.OutPath,
            ["recipe"] = string.Join(' ', job.RecipeOptions),
            ["arguments"] = ShellWords.Join(job.SolveArguments),
        };
    }
}
