using System.Globalization;
using Pinn.Physics;
using Pinn.Solver.Engine;
using Pinn.Verification;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

/// <summary>One check of <c>pinn verify</c>: what was compared and whether it passed.</summary>
public sealed record VerificationCheck(string Name, bool Passed, string Detail);

/// <summary>
/// Re-evaluates a stored network against the problem's exact solution on the stored evaluation points and
/// compares with what the file recorded: predictions, exact values and the error norms. The quadrature of
/// every norm is the equal-weight mean over the N evaluation points (a closed tensor grid for d ≤ 3, a Halton
/// set for d &gt; 3).
/// </summary>
public static class RunVerification
{
    /// <summary>The recomputed norms (null without an exact solution), the residual norms per term, and the checks.</summary>
    public static (ErrorReport? Norms, GradientErrorReport? H1, IReadOnlyList<(string Term, double Rms, double Max)> Residuals, IReadOnlyList<VerificationCheck> Checks)
        Run(StoredRun run, double agree, double? maxRelativeL2)
    {
        using var scope = NewDisposeScope();
        var stored = run.Record.Evaluation;
        var checks = new List<VerificationCheck>();
        var x = Points.ToTensor(stored.Points);
        if (x.shape[1] != run.Problem.Domain.Dimension)
            throw new InvalidDataException($"results file '{run.Path}' has {x.shape[1]}-D evaluation points but {run.Problem.Name} is {run.Problem.Domain.Dimension}-D");
        var all = AsColumns(run.Network.Predict(x));
        var prediction = Points.ToVector(all.select(1, 0));
        checks.Add(Agreement("prediction", stored.Prediction, prediction, agree,
            "the stored network does not reproduce the stored predictions: the weights or the evaluation were changed"));

        ErrorReport? norms = null;
        var exactTensor = run.Problem.ExactAt(x);
        if (exactTensor is not null)
        {
            var exactAll = AsColumns(exactTensor);
            var exact = Points.ToVector(exactAll.select(1, 0));
            checks.Add(stored.Exact is null
                ? new VerificationCheck("exact solution", false, $"/evaluation/exact is missing, but {run.Problem.Name} has an exact solution: the file was edited")
                : Agreement("exact solution", stored.Exact, exact, agree, "the stored exact values differ from the problem's exact solution"));
            checks.Add(Agreement("pointwise error", stored.Error, prediction.Zip(exact, (u, e) => u - e).ToArray(), agree,
                "/evaluation/error is not prediction − exact: the file was edited"));
            norms = ErrorNorms.Compute(Points.ToVector(all), Points.ToVector(exactAll));
            checks.AddRange(RecordedValues.Errors(run.Record.Config, norms, agree));
            if (maxRelativeL2 is double limit)
                checks.Add(new VerificationCheck("max rel_l2", norms.RelativeL2 <= limit,
                    string.Create(CultureInfo.InvariantCulture, $"recomputed rel_l2 {norms.RelativeL2:E3} {(norms.RelativeL2 <= limit ? "≤" : ">")} {limit:E3}")));
        }
        else
        {
            checks.AddRange(RecordedValues.NoErrors(run.Record, run.Problem.Name));
            if (maxRelativeL2 is not null)
                checks.Add(new VerificationCheck("max rel_l2", false, $"{run.Problem.Name} has no exact solution to measure rel_l2 against"));
        }
        checks.Add(RecordedValues.Loss(run, agree));
        checks.AddRange(RecordedValues.Form(run, x, agree));
        return (norms, norms is null ? null : GradientError(run, x), ResidualNorms(run), checks);
    }

    private static Tensor AsColumns(Tensor values) => values.dim() == 1 ? values.unsqueeze(1) : values;

    /// <summary>Points per autograd pass of <see cref="GradientError"/>: bounds its memory (a spectral reference solution
    /// differentiated at 10⁵ points at once held about 16 GB).</summary>
    private const long GradientChunk = 4096;

    /// <summary>The H¹-seminorm error ‖∇u − ∇u*‖ (first output) by autograd of the network and of the exact solution,
    /// in chunks of points, or null when the exact solution is not differentiable (a tabulated reference).</summary>
    private static GradientErrorReport? GradientError(StoredRun run, Tensor x)
    {
        using var scope = NewDisposeScope();
        using var mode = enable_grad();
        Tensor? Gradient(Func<Tensor, Tensor> f)
        {
            var parts = new List<Tensor>();
            for (long start = 0; start < x.shape[0]; start += GradientChunk)
            {
                using var chunk = NewDisposeScope();
                var p = x.slice(0, start, Math.Min(start + GradientChunk, x.shape[0]), 1).detach().clone().requires_grad_(true);
                var u = f(p);
                if (u.dim() == 2) u = u[.., 0];
                var g = autograd.grad([u.sum()], [p], allow_unused: true)[0];
                if (g is null || g.IsInvalid) return null;
                parts.Add(g.detach().MoveToOuterDisposeScope());
            }
            return cat(parts.ToArray());
        }
        try
        {
            var exact = Gradient(run.Problem.Solution!);
            if (exact is null) return null;
            var predicted = Gradient(p => run.Network.Forward(run.Network.Parameters.detach(), p))!;
            return ErrorNorms.H1Seminorm(Points.ToArray(predicted), Points.ToArray(exact));
        }
        catch (Exception e) when (e is ExternalException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>RMS and max |r| of each term at the problem's default collocation points (seed 0).</summary>
    private static List<(string, double, double)> ResidualNorms(StoredRun run)
    {
        using var objective = new PinnObjective(run.Problem, run.Network);
        var result = new List<(string, double, double)>();
        for (int i = 0; i < objective.Terms.Count; i++)
        {
            using var scope = NewDisposeScope();
            using var mode = enable_grad();
            var r = objective.TermResidual(run.Network.Parameters.detach(), i).detach();
            result.Add((objective.TermNames[i], r.square().mean().sqrt().item<double>(), r.abs().max().item<double>()));
        }
        return result;
    }

    internal static VerificationCheck Agreement(string name, double[] recorded, double[] recomputed, double tolerance, string failure)
    {
        if (recorded.Length != recomputed.Length)
            return new VerificationCheck(name, false, $"{recorded.Length} recorded values but {recomputed.Length} points");
        double worst = 0, scale = 1;
        for (int i = 0; i < recorded.Length; i++)
        {
            if (recorded[i].Equals(recomputed[i])) continue;   // NaN = NaN and ∞ = ∞ too
            var difference = Math.Abs(recorded[i] - recomputed[i]);
            worst = double.IsNaN(difference) ? double.PositiveInfinity : Math.Max(worst, difference);
            if (double.IsFinite(recorded[i])) scale = Math.Max(scale, Math.Abs(recorded[i]));
        }
        bool ok = worst <= tolerance * scale;
        return new VerificationCheck(name, ok, string.Create(CultureInfo.InvariantCulture,
            $"max |recorded − recomputed| = {worst:E2}{(ok ? "" : $" > {tolerance * scale:E2}: {failure}")}"));
    }
}
