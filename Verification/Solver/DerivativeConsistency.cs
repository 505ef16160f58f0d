using Pinn.Verification.Optimizers;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Pinn.Physics;
using Pinn.Solver.Engine;
using static TorchSharp.torch;

namespace Pinn.Verification.Solver;

/// <summary>Settings of <see cref="DerivativeConsistency"/>.</summary>
/// <param name="MaxTest">Random networks tried.</param>
/// <param name="Tolerance">Residuals and Jacobian rows agree when they differ by at most Tolerance · (1 + max|value|).</param>
/// <param name="MaxWidth">Hidden width, at most.</param>
/// <param name="MaxPoints">Points per term, at most (each term also keeps to its own count).</param>
public sealed record DerivativeConsistencyOptions(int MaxTest = 20, double Tolerance = 1e-9, int MaxWidth = 12, int MaxPoints = 16);

/// <summary>
/// Every residual term of a problem, evaluated on a random network through the engine's fast path (the Taylor-mode
/// pass and its pointwise Jacobian) equals the same term through nested autograd (<c>PinnObjective.ForceAutograd</c>),
/// in value and in its Jacobian ∂r/∂θ. This catches a term that the fast path misreads: a residual that asks for
/// different derivatives on different calls, or differentiates the field by itself instead of through <see cref="Field"/>.
/// A failure names the term, the point and the size of the difference.
/// </summary>
public static class DerivativeConsistency
{
    /// <summary>Checks the property (throws FsCheck's report on failure).</summary>
    public static void Check(Problem problem, DerivativeConsistencyOptions? options = null)
    {
        options ??= new();
        PropertyRun.Check(Property(problem, options), options.MaxTest);
    }

    /// <summary>The property, for an xunit <c>[Property]</c> or to combine with others.</summary>
    public static Property Property(Problem problem, DerivativeConsistencyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new();
        if (problem.Terms.Count == 0) throw new ArgumentException("the problem has no terms");
        return Prop.ForAll(NetworkCase.Arbitrary(options.MaxWidth, options.MaxPoints),
            c => PropertyRun.Verdict(() => Failure(problem, c, options.Tolerance)));
    }

    /// <summary>The terms whose two paths disagree at case <paramref name="c"/>, one line each; null when all agree.</summary>
    public static string? Failure(Problem problem, NetworkCase c, double tolerance)
    {
        using var scope = NewDisposeScope();
        var small = problem with
        {
            Terms = problem.Terms.Select(t => t with { Sample = new Sample(t.Sample.Method, Math.Min(c.Points, t.Sample.Count)) }).ToArray(),
        };
        using var net = c.Network(small);
        using var fast = new PinnObjective(small, net, c.Seed);
        using var slow = new PinnObjective(small, net, c.Seed) { ForceAutograd = true };
        var theta = net.Parameters;
        var names = small.Domain.CoordinateNames;
        var failures = new List<string>();
        using var mode = enable_grad();
        var rows = new long[small.Terms.Count];
        for (var i = 0; i < small.Terms.Count; i++)
        {
            var label = $"term '{small.Terms[i].Name}' ({(fast.Terms[i].Request.TaylorCompatible ? "Taylor mode" : "nested autograd on both paths")})";
            try
            {
                var rSlow = slow.TermResidual(theta, i).detach();
                var rFast = fast.TermResidual(theta, i).detach();
                rows[i] = rSlow.shape[0];
                if (Compare("residual", rFast, rSlow, fast.Terms[i].Points, tolerance, names) is { } line) failures.Add($"{label}: {line}");
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                failures.Add($"{label}: throws on the fast path only: {e.Message}");
            }
        }
        if (failures.Count > 0) return string.Join("\n", failures);
        var (_, jFast) = fast.ResidualsAndJacobian(theta);
        var (_, jSlow) = slow.ResidualsAndJacobian(theta);
        long row = 0;
        for (var i = 0; i < small.Terms.Count; i++)
        {
            var range = TensorIndex.Slice(row, row + rows[i]);
            if (Compare("Jacobian row", jFast[range], jSlow[range], fast.Terms[i].Points, tolerance, names) is { } line)
                failures.Add($"term '{small.Terms[i].Name}': {line}");
            row += rows[i];
        }
        return failures.Count == 0 ? null : string.Join("\n", failures);
    }

    /// <summary>Where <paramref name="fast"/> and <paramref name="slow"/> (rows per point) differ beyond the tolerance, or null.</summary>
    private static string? Compare(string what, Tensor fast, Tensor slow, Tensor points, double tolerance, IReadOnlyList<string> names)
    {
        if (!fast.shape.SequenceEqual(slow.shape))
            return $"{what} shape [{string.Join(", ", fast.shape)}] through Taylor mode but [{string.Join(", ", slow.shape)}] through autograd";
        if (fast.numel() == 0) return null;
        var scale = 1 + slow.abs().max().item<double>();
        var difference = (fast - slow).abs();
        var flat = difference.argmax().item<long>();
        var size = difference.reshape(-1)[flat].item<double>();
        if (size <= tolerance * scale && !double.IsNaN(size)) return null;
        var row = fast.dim() == 1 ? flat : flat / fast.shape[1];
        var at = fast.shape[0] == points.shape[0]
            ? $" at ({string.Join(", ", names)}) = ({string.Join(", ", points[row].data<double>().ToArray().Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)))})"
            : $" in row {row}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{what} differs by {size:E3}{at}, {points.shape[0]} point{(points.shape[0] == 1 ? "" : "s")}; allowed {tolerance:E1} × scale {scale:E2}");
    }
}
