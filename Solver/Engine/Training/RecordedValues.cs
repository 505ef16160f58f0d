using System.Globalization;
using Pinn.Physics;
using Pinn.Solver.Engine;
using Pinn.Verification;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

/// <summary>
/// The numbers a results file records in <c>/config</c> (errors, loss) held against the values recomputed from its
/// network. A recorded number that is missing, not a number, or NaN where a value was recomputed fails its check; a
/// check is never skipped because of what the file holds.
/// </summary>
internal static class RecordedValues
{
    private static readonly string[] ErrorKeys = ["rel_l2", "abs_l2", "linf"];

    /// <summary>rel_l2, abs_l2 and linf of the configuration against <paramref name="norms"/>.</summary>
    public static IEnumerable<VerificationCheck> Errors(IReadOnlyDictionary<string, object> config, ErrorReport norms, double agree)
    {
        double[] recomputed = [norms.RelativeL2, norms.AbsoluteL2, norms.LInfinity];
        return ErrorKeys.Select((key, i) => Scalar(config, key, recomputed[i], agree, "the file's recorded error disagrees with its network"));
    }

    /// <summary>Without an exact solution there is nothing to measure: recorded errors must be NaN, as the writer leaves them.</summary>
    public static IEnumerable<VerificationCheck> NoErrors(RunRecord record, string problem)
    {
        foreach (var key in ErrorKeys)
        {
            if (record.Config.TryGetValue(key, out var value) && !(value is double d && double.IsNaN(d)))
                yield return new VerificationCheck(key, false, $"{problem} has no exact solution, but /config@{key} records '{Format(value)}': the file was edited");
        }
        if (record.Evaluation.Exact is not null || record.Evaluation.Error.Any(e => !double.IsNaN(e)))
            yield return new VerificationCheck("pointwise error", false, $"{problem} has no exact solution, but the file records exact values or errors: the file was edited");
    }

    /// <summary>
    /// The recorded loss: recomputed at the stored network on the run's collocation points (same problem form and seed)
    /// for a finished run whose objective is fixed; for a checkpoint, the last history row's loss; for a run whose
    /// objective moved (resampling, causal or attention weights, adaptive points) the final points are not stored, so the
    /// value is only held to be a finite loss ≥ 0, and to the /config checksum.
    /// </summary>
    public static VerificationCheck Loss(StoredRun run, double agree)
    {
        var config = run.Record.Config;
        var history = run.Record.History.Loss;
        if (run.Record.Checkpoint is not null)
        {
            if (history.Length == 0) return Scalar(config, "loss", double.NaN, agree, "a checkpoint without history records no loss");
            return Scalar(config, "loss", history[^1], 0, "the recorded loss is not the history's last", "history's last");
        }
        var moving = new[] { "causal", "rba", "adaptive" }.Where(config.ContainsKey).ToList();
        if (config.TryGetValue("resample_every", out var every) && every is long n && n > 0) moving.Add("resample_every");
        if (moving.Count > 0)
        {
            if (!config.TryGetValue("loss", out var value) || value is not double loss)
                return new VerificationCheck("loss", false, $"/config@loss is {(value is null ? "missing" : $"'{Format(value)}', not a number")}");
            bool ok = double.IsFinite(loss) && loss >= 0;
            return new VerificationCheck("loss", ok, ok
                ? string.Create(CultureInfo.InvariantCulture, $"recorded {loss:E12}; not recomputed ({string.Join(", ", moving)} moved the objective, whose final state is not stored); covered by the /config checksum")
                : $"recorded {Format(loss)}, not a finite loss ≥ 0");
        }
        double seed = config.TryGetValue("seed", out var s) && s is long l ? l : 0;
        using var scope = NewDisposeScope();
        using var objective = new PinnObjective(run.Problem, run.Network, (int)seed);
        double recomputed;
        using (enable_grad()) recomputed = objective.Value(run.Network.Parameters.detach());
        return Scalar(config, "loss", recomputed, agree, "the file's recorded loss disagrees with its network");
    }

    /// <summary>
    /// The recorded input box and hard-constrained output parts (what re-evaluating the network elsewhere reads) against
    /// the problem's: the box exactly, A(x) and B(x) at the evaluation points to <paramref name="agree"/>.
    /// </summary>
    public static IEnumerable<VerificationCheck> Form(StoredRun run, Tensor x, double agree)
    {
        var form = run.Record.Network.Form;
        var bounds = run.Problem.Domain.Bounds;
        bool box = form is not null && form.InputLower.SequenceEqual(bounds.Lower) && form.InputUpper.SequenceEqual(bounds.Upper);
        yield return new VerificationCheck("input scaling", box, form is null ? "/network@input_lower and input_upper are missing: the file was edited"
            : box ? "the stored input box is the problem's" : "the stored input box differs from the problem's: the file was edited");
        var stored = run.Record.Evaluation;
        if (run.Problem.Transform is not { } transform)
        {
            if (stored.HardOffset is not null || form?.HardForm.Length > 0)
                yield return new VerificationCheck("hard constraint", false, "the file records a hard constraint the run's problem does not have: the file was edited");
            yield break;
        }
        if (stored.HardOffset is null || stored.HardFactor is null)
        {
            yield return new VerificationCheck("hard constraint", false, "/evaluation/hard_offset and hard_factor are missing for a hard-constrained run: the file was edited");
            yield break;
        }
        using var scope = NewDisposeScope();
        using var mode = no_grad();
        long n = x.shape[0];
        int outputs = run.Problem.Outputs;
        var offset = Points.ToVector(OutputTransform.Columns(transform.Offset(x), n, outputs, "A"));
        var factor = Points.ToVector(OutputTransform.Columns(transform.Factor(x), n, outputs, "B"));
        yield return RunVerification.Agreement("hard constraint A(x)", Flat(stored.HardOffset), offset, agree, "/evaluation/hard_offset is not the problem's A(x)");
        yield return RunVerification.Agreement("hard constraint B(x)", Flat(stored.HardFactor), factor, agree, "/evaluation/hard_factor is not the problem's B(x)");
    }

    private static double[] Flat(double[,] values)
    {
        var flat = new double[values.Length];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(double));
        return flat;
    }

    /// <summary>A recorded double against a recomputed one: equal, both NaN, or within <paramref name="agree"/> relative.</summary>
    private static VerificationCheck Scalar(IReadOnlyDictionary<string, object> config, string key, double recomputed, double agree, string failure,
        string source = "recomputed")
    {
        if (!config.TryGetValue(key, out var value))
            return new VerificationCheck(key, false, $"/config@{key} is missing: the file was edited");
        if (value is not double recorded)
            return new VerificationCheck(key, false, $"/config@{key} is {value.GetType().Name} '{Format(value)}', not a number: the file was edited");
        bool ok = recorded.Equals(recomputed)
            || Math.Abs(recorded - recomputed) <= agree * Math.Max(Math.Abs(recorded), double.Epsilon);
        return new VerificationCheck(key, ok, string.Create(CultureInfo.InvariantCulture,
            $"recorded {Format(recorded)}, {source} {Format(recomputed)}{(ok ? "" : $": {failure}")}"));
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("E12", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
