using Pinn.Physics;
using Pinn.Solver.Training;
using Pinn.Verification;

namespace Pinn.Solver.Cli;

/// <summary>Turns a finished <c>solve</c> run into the HDF5 results file.</summary>
public static class ResultsWriter
{
    /// <summary>Writes <paramref name="run"/> to <paramref name="path"/> (atomically).</summary>
    public static void Write(string path, TrainingRun run, SolveJob job) => ResultsFile.Write(path, ToRecord(run, job));

    /// <summary>The record for a run.</summary>
    public static RunRecord ToRecord(TrainingRun run, SolveJob job)
    {
        var config = new OrderedDictionary<string, object>
        {
            ["problem"] = run.Problem,
            ["optimizer"] = run.Optimizer,
            ["hidden"] = string.Join(",", job.Network.Hidden),
            ["activation"] = job.Network.Activation.ToString().ToLowerInvariant(),
            ["initialization"] = job.Network.Initialization.ToString(),
            ["inputs"] = (long)job.Network.Inputs,
            ["outputs"] = (long)job.Network.Outputs,
            ["parameters"] = run.ParameterCount,
            ["residuals"] = run.ResidualCount,
            ["seed"] = (long)job.Seed,
            ["threads"] = (long)job.Threads,
            ["eval_every"] = (long)job.Training.EvaluateEvery,
            ["eval_grid"] = run.Evaluation.Grid,
            ["eval_points"] = (long)run.Evaluation.Prediction.Length,
            ["steps"] = run.Steps,
            ["seconds"] = run.Seconds,
            ["loss"] = run.Loss,
            ["rel_l2"] = run.RelativeL2,
            ["abs_l2"] = run.Evaluation.Errors?.AbsoluteL2 ?? double.NaN,
            ["linf"] = run.LInfinity,
            ["start_loss"] = run.StartLoss,
            ["outcome"] = run.Outcome.ToString(),
            ["stop_reason"] = run.OutcomeReason ?? "",
            ["phase_stops"] = string.Join(",", run.Phases.Select(p => p.StopName)),
            ["resample_every"] = (long)job.Training.ResampleEvery,
            ["budget"] = job.Budget,
            ["solve_arguments"] = ShellWords.Join(job.SolveArguments),   // resolved (recipe applied): 'pinn solve' with these replays the run
            ["recipe"] = string.Join(' ', job.RecipeOptions),              // the recipe's options this run took over
        };
        job.Form.AddTo(config);
        foreach (var (name, errors) in run.Evaluation.OutputErrors)
            config[$"rel_l2_{name}"] = errors.RelativeL2;
        if (job.Training.Causal is { } causal) config["causal"] = causal.ToString();   // EPS:CHUNKS:EVERY
        if (job.Training.Attention is { } attention) config["rba"] = attention.ToString();
        if (job.Training.Adaptive is { } adaptive) config["adaptive"] = adaptive.ToString();
        for (int t = 0; t < job.Problem.Terms.Count; t++)
        {
            var term = job.Problem.Terms[t];
            config[$"term_{t}"] = $"{term.Name}: {term.Sample.Method} {term.Sample.Count} points, weight {term.Weight}";
        }

        var e = run.Evaluation;
        var names = job.Problem.Domain.CoordinateNames.ToArray();
        var evaluation = (e.Exact is null
            ? new EvaluationRecord(e.Points, names, e.Prediction, null, Enumerable.Repeat(double.NaN, e.Prediction.Length).ToArray())
            : EvaluationRecord.FromExact(e.Points, names, e.Prediction, e.Exact));
        if (job.Problem.Transform is { } transform)
        {
            var (offset, factor) = HardParts(transform, e.Points, job.Problem.Outputs);
            evaluation = evaluation with { HardOffset = offset, HardFactor = factor };
        }

        int rows = run.History.Count, terms = run.TermNames.Count;
        var termLoss = new double[rows, terms];
        for (int i = 0; i < rows; i++)
            for (int t = 0; t < terms; t++)
                termLoss[i, t] = run.History[i].TermLosses[t];
        var history = new HistoryRecord(
            run.History.Select(h => h.Step).ToArray(),
            run.History.Select(h => h.Seconds).ToArray(),
            run.History.Select(h => h.Loss).ToArray(),
            termLoss,
            run.TermNames.ToArray(),
            run.History.Select(h => h.RelativeL2).ToArray(),
            run.History.Select(h => run.Phases[h.Phase].Optimizer).ToArray());

        var layers = job.Weights.Select(w =>
        {
            var m = new double[w.Layer.Out, w.Layer.In];
            Buffer.BlockCopy(w.Weights, 0, m, 0, w.Weights.Length * sizeof(double));
            return (m, w.Bias);
        }).ToList();
        long[] widths = job.Weights.Count == 0 ? job.Network.Widths.Select(x => (long)x).ToArray()
            : [job.Weights[0].Layer.In, .. job.Weights.Select(w => (long)w.Layer.Out)];
        var network = NetworkRecord.FromLayers(widths, job.Network.Activation.ToString().ToLowerInvariant(), layers);
        if (job.Embedding is { } frequencies)
            network = network with { Parameters = [.. network.Parameters, ParameterArray.FromMatrix(StoredRun.EmbeddingName, frequencies)] };
        network = network with { Form = Form(job) };

        return new RunRecord(config, evaluation, history, network, ProvenanceRecord.Capture(job.Seed, job.Device));
    }

    /// <summary>What re-evaluating the network elsewhere needs beyond its weights: input box, embeddings, hard form.</summary>
    private static NetworkForm Form(SolveJob job)
    {
        var bounds = job.Problem.Domain.Bounds;
        var embeddings = job.Problem.Embeddings.Select(m => m switch
        {
            PeriodicEmbedding p => FormattableString.Invariant($"periodic(coordinate={p.Coordinate}, period={p.Period:R}, harmonics={p.Harmonics})"),
            FourierFeatures f => FormattableString.Invariant($"fourier(scale={f.Scale:R}, count={f.Count}, seed={f.Seed})"),
            _ => m.ToString() ?? "",
        }).ToArray();
        var hard = job.Size.Hard ? Problems.ProblemCatalog.Get(job.Problem.Name).HardForm ?? "" : "";
        return new NetworkForm(bounds.Lower.ToArray(), bounds.Upper.ToArray(), job.Passthrough, embeddings, hard);
    }

    /// <summary>A(x) and B(x) of the hard-constrained output at the points, as [N, 1] or [N, outputs].</summary>
    private static (double[,] Offset, double[,] Factor) HardParts(OutputTransform transform, double[,] points, int outputs)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        using var mode = TorchSharp.torch.no_grad();
        var x = Points.ToTensor(points);
        long n = x.shape[0];
        return (Points.ToArray(OutputTransform.Columns(transform.Offset(x), n, outputs, "A")),
                Points.ToArray(OutputTransform.Columns(transform.Factor(x), n, outputs, "B")));
    }
}
