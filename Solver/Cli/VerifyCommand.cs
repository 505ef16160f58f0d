using System.Globalization;
using System.Text.Json.Nodes;
using Pinn.Solver.Training;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>
/// <c>pinn verify FILE.h5 [--max-rel-l2 X]</c>: re-evaluates the stored network, prints the error and residual
/// norms, and exits 1 when the recorded values disagree with the recomputed ones or the tolerance is exceeded.
/// </summary>
public sealed class VerifyCommand : Command<VerifySettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, VerifySettings s, CancellationToken cancellationToken)
    {
        double agree = Positive("--agree", s.Agree);
        double? max = s.MaxRelativeL2 is null ? null : Positive("--max-rel-l2", s.MaxRelativeL2);
        TorchSharp.torch.set_num_threads(1);
        using var run = CatalogueRun.Open(s.File);
        var (norms, h1, residuals, checks) = CatalogueRun.AsUsage(() => RunVerification.Run(run, agree, max));
        bool passed = checks.All(c => c.Passed);
        var c = CultureInfo.InvariantCulture;
        if (s.Json)
        {
            static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
            Console.WriteLine(new JsonObject
            {
                ["file"] = s.File,
                ["problem"] = run.Problem.Name,
                ["passed"] = passed,
                ["rel_l2"] = norms is null ? null : Num(norms.RelativeL2),
                ["abs_l2"] = norms is null ? null : Num(norms.AbsoluteL2),
                ["linf"] = norms is null ? null : Num(norms.LInfinity),
                ["rel_linf"] = norms is null ? null : Num(norms.RelativeLInfinity),
                ["rel_h1_seminorm"] = h1 is null ? null : Num(h1.Relative),
                ["abs_h1_seminorm"] = h1 is null ? null : Num(h1.Absolute),
                ["points"] = run.Record.Evaluation.PointCount,
                ["residuals"] = new JsonObject(residuals.Select(r => KeyValuePair.Create(r.Term, (JsonNode?)new JsonObject { ["rms"] = Num(r.Rms), ["max"] = Num(r.Max) }))),
                ["checks"] = new JsonArray(checks.Select(k => (JsonNode)new JsonObject { ["name"] = k.Name, ["passed"] = k.Passed, ["detail"] = k.Detail }).ToArray()),
            }.ToJsonString());
        }
        else
        {
            Console.WriteLine($"{s.File}: {run.Problem.Name}, {run.Network.ParameterCount} parameters, {run.Record.Evaluation.PointCount} evaluation points (equal-weight mean over the stored grid)");
            if (norms is not null)
                Console.WriteLine(string.Format(c, "  rel. L2 {0:E3}   abs. L2 (RMS) {1:E3}   L∞ {2:E3}   rel. L∞ {3:E3}", norms.RelativeL2, norms.AbsoluteL2, norms.LInfinity, norms.RelativeLInfinity));
            if (h1 is not null)
                Console.WriteLine(string.Format(c, "  H¹ seminorm |u − u*|₁: relative {0:E3}, absolute (RMS of |∇u − ∇u*|) {1:E3}", h1.Relative, h1.Absolute));
            foreach (var (term, rms, maxAbs) in residuals)
                Console.WriteLine(string.Format(c, "  residual {0,-12} RMS {1:E3}   max {2:E3}", term, rms, maxAbs));
            foreach (var k in checks)
                Console.WriteLine($"  {(k.Passed ? "ok  " : "FAIL")} {k.Name}: {k.Detail}");
            Console.WriteLine(passed ? "verified" : "verification FAILED");
        }
        if (!passed) Console.Error.WriteLine($"pinn: verify: {string.Join("; ", checks.Where(k => !k.Passed).Select(k => $"{k.Name}: {k.Detail}"))}");
        return passed ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static double Positive(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v
            : throw new UsageException($"{option} must be a positive number such as 1e-5 (got '{text}')");
}
