using Pinn.Verification.Optimizers;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Verification.Solver;

/// <summary>Settings of <see cref="ManufacturedSolution"/>.</summary>
/// <param name="MaxTest">Random cases tried.</param>
/// <param name="Tolerance">A term's residual at u* passes when |r| ≤ Tolerance · (1 + max|operator| + max|data|) at every
/// point: round-off relative to the size of what the residual subtracts.</param>
/// <param name="MaxPoints">Points per term, at most (each term also keeps to its own count).</param>
/// <param name="MaxTerms">Products in u*, at most.</param>
/// <param name="MaxDegree">Degree of u*'s polynomial factors, at most.</param>
public sealed record ManufacturedSolutionOptions(int MaxTest = 30, double Tolerance = 1e-10, int MaxPoints = 32, int MaxTerms = 3, int MaxDegree = 3);

/// <summary>
/// The method of manufactured solutions as a property: for a problem factory that takes an exact solution u* and
/// builds the problem with its forcing and data from u* (in closed form, through <see cref="SmoothFunction"/>'s
/// derivatives), every term's residual at u* vanishes to round-off. u*'s derivatives come from nested autograd of its
/// closed form, so the check reads the residuals exactly as they are written. A failure names the term, the point,
/// the size of the residual and (FsCheck's shrunk case) the smallest u* and point count that still fail.
/// </summary>
/// <example><code>
/// ManufacturedSolution.Check(3, u => Problem.On(Domain.Box((0, 1), (0, 1), (0, 1)))
///     .Interior(Sample.Halton(500), (v, x) => -v.Laplacian(), x => -u.Laplacian(x))
///     .Dirichlet(Sample.Halton(200), u.Value));
/// </code></example>
public static class ManufacturedSolution
{
    /// <summary>Checks the property (throws FsCheck's report on failure).</summary>
    public static void Check(int spaceDimension, Func<SmoothFunction, Problem> problemFor, bool time = false, ManufacturedSolutionOptions? options = null)
    {
        options ??= new();
        PropertyRun.Check(Property(spaceDimension, problemFor, time, options), options.MaxTest);
    }

    /// <summary>The property, for an xunit <c>[Property]</c> or to combine with others.</summary>
    public static Property Property(int spaceDimension, Func<SmoothFunction, Problem> problemFor, bool time = false, ManufacturedSolutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problemFor);
        options ??= new();
        Validate(spaceDimension, time, problemFor);
        var cases = ManufacturedCase.Arbitrary(SmoothFunctions.Arbitrary(spaceDimension, time, options.MaxTerms, options.MaxDegree), options.MaxPoints);
        return Prop.ForAll(cases, c => PropertyRun.Verdict(() => Failure(c, problemFor, options.Tolerance)));
    }

    /// <summary>The failing terms at case <paramref name="c"/>, worst first, one line each; null when every term vanishes.</summary>
    public static string? Failure(ManufacturedCase c, Func<SmoothFunction, Problem> problemFor, double tolerance)
    {
        using var scope = NewDisposeScope();
        var problem = problemFor(c.Solution);
        var names = problem.Domain.CoordinateNames;
        var failures = new List<(double Ratio, string Line)>();
        for (var i = 0; i < problem.Terms.Count; i++)
        {
            var term = problem.Terms[i];
            var x = term.Region.Draw(new Sample(term.Sample.Method, Math.Min(c.Points, term.Sample.Count)), new Random(c.Seed + i));
            var field = new Field(new AutogradSource(c.Solution.Value, x), problem.Domain.TimeIndex);
            var op = term.Residual(field, x).detach();
            var data = term.Data?.Invoke(x).detach();
            var r = (data is null ? op : op - data).reshape(-1);
            var scale = 1 + MaxAbs(op) + (data is null ? 0 : MaxAbs(data));
            var worst = r.abs().argmax().item<long>();
            var size = r[worst].item<double>();
            if (!(Math.Abs(size) <= tolerance * scale))
            {
                var at = r.shape[0] == x.shape[0] ? $" at ({string.Join(", ", names)}) = {Point(x, worst)}" : $" (entry {worst} of {r.shape[0]})";
                failures.Add((Math.Abs(size) / scale, string.Create(CultureInfo.InvariantCulture,
                    $"term '{term.Name}': residual {size:E3}{at}, {x.shape[0]} point{(x.shape[0] == 1 ? "" : "s")}; allowed {tolerance:E1} × scale {scale:E2}")));
            }
        }
        return failures.Count == 0 ? null : string.Join("\n", failures.OrderByDescending(f => f.Ratio).Select(f => f.Line));
    }

    /// <summary>Builds one problem from a simple u* to check the factory's domain before any random case.</summary>
    private static void Validate(int spaceDimension, bool time, Func<SmoothFunction, Problem> problemFor)
    {
        if (spaceDimension < 1) throw new ArgumentOutOfRangeException(nameof(spaceDimension), $"need at least one spatial coordinate (got {spaceDimension})");
        var u = new SmoothFunction(spaceDimension, time, [new SmoothProduct(1, Enumerable.Repeat(SmoothFactor.One, spaceDimension + (time ? 1 : 0)).ToArray())]);
        var problem = problemFor(u);
        if (problem.Domain.Dimension != u.Dimension || problem.Domain.TimeIndex != u.TimeIndex)
            throw new ArgumentException($"the factory builds a problem on {problem.Domain.Dimension} inputs{(problem.Domain.TimeIndex is null ? "" : " with time")}, but u* has {u.Dimension}{(time ? " with time" : "")}; pass the problem's spatial dimension and time flag");
        if (problem.Outputs != 1)
            throw new ArgumentException($"the problem has {problem.Outputs} outputs; manufactured solutions cover single-output problems");
    }

    private static double MaxAbs(Tensor t) => t.numel() == 0 ? 0 : t.abs().max().item<double>();

    private static string Point(Tensor x, long row) =>
        "(" + string.Join(", ", x[row].data<double>().ToArray().Select(v => v.ToString("0.####", CultureInfo.InvariantCulture))) + ")";
}
