using System.Globalization;
using Pinn.Optimizers;
using Pinn.Physics;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;

namespace Pinn.Solver.Cli;

/// <summary>
/// A rough upper estimate of the memory a <c>solve</c> run needs, from its sizes alone (nothing is allocated): the
/// parameters and their copies, the Taylor-mode activations at the collocation points, and each optimizer's own
/// arrays — a dense P×P matrix for bfgs, ssbfgs, ssbroyden, engd, gauss-newton and lm, the R×P residual Jacobian for
/// the Gauss–Newton family, 2·history·P for lbfgs, Kronecker factors for kfac, shampoo and soap. It is meant to
/// refuse a run that cannot fit before it starts, not to predict the resident size.
/// </summary>
public sealed record MemoryEstimate(IReadOnlyList<MemoryEstimate.Part> Parts, long Parameters)
{
    /// <summary>One contribution: what it is, its size in bytes, and the option that sets it.</summary>
    public sealed record Part(string What, double Bytes, string Option);

    private const double Float64 = 8;
    private static readonly string[] DenseMatrix = ["bfgs", "ssbfgs", "ssbroyden", "engd", "gauss-newton", "lm"];
    private static readonly string[] ResidualJacobian = ["engd", "engd-woodbury", "gauss-newton", "lm"];
    private static readonly string[] Kronecker = ["kfac", "shampoo", "soap"];

    /// <summary>The total in bytes.</summary>
    public double Bytes => Parts.Sum(p => p.Bytes);

    /// <summary>The largest part.</summary>
    public Part Largest => Parts.MaxBy(p => p.Bytes)!;

    /// <summary>The estimate for <paramref name="problem"/> with <paramref name="network"/> trained by <paramref name="phases"/>.</summary>
    public static MemoryEstimate For(Problem problem, MlpOptions network, IReadOnlyList<OptimizerPhase> phases,
        CausalWeighting? causal = null, AdaptiveSampling? adaptive = null)
    {
        int d = problem.Domain.Dimension;
        double[] widths = [InputWidth(problem), .. network.Hidden.Select(h => (double)h), network.Outputs];
        double parameters = 0, squares = 0;
        for (int i = 0; i + 1 < widths.Length; i++)
        {
            parameters += (widths[i] + 1) * widths[i + 1];
            squares += (widths[i] + 1) * (widths[i] + 1) + widths[i + 1] * widths[i + 1];
        }
        double points = problem.Terms.Sum(t => (double)t.Sample.Count);
        double rows = points * Math.Max(1, problem.Outputs);
        var parts = new List<Part>
        {
            new($"{Count(parameters)} parameters and their copies", 8 * Float64 * parameters, "--hidden"),
            new($"activations and derivatives at {Count(points)} collocation points", 3 * (d + 2) * points * widths.Sum() * Float64, "--points/--boundary-points"),
        };
        foreach (var name in phases.Select(p => p.Name).Distinct())
        {
            if (DenseMatrix.Contains(name)) parts.Add(new($"{name}'s dense {Count(parameters)}×{Count(parameters)} matrix", 3 * parameters * parameters * Float64, "--hidden"));
            if (ResidualJacobian.Contains(name)) parts.Add(new($"{name}'s {Count(rows)}×{Count(parameters)} residual Jacobian", 2 * rows * parameters * Float64, "--hidden"));
            if (name == "lbfgs") parts.Add(new("lbfgs's history", 2 * History(phases) * parameters * Float64, "--optimizer lbfgs:N:history=M"));
            if (Rank(phases, name) is double rank) parts.Add(new($"{name}'s rank-{Count(rank)} Nyström sketch", 3 * Math.Min(rank, parameters) * parameters * Float64, "--optimizer NAME:N:rank=R"));
            if (Kronecker.Contains(name)) parts.Add(new($"{name}'s Kronecker factors", 4 * squares * Float64, "--hidden"));
        }
        if (causal is not null) parts.Add(new($"{Count(causal.Chunks)} causal chunks", 16 * causal.Chunks * Float64, "--causal"));
        if (adaptive is not null) parts.Add(new($"adaptive pools of {Count(adaptive.Pool)} points", 4 * problem.Terms.Count * (double)adaptive.Pool * (d + 2) * Float64, "--adaptive"));
        return new MemoryEstimate(parts, (long)Math.Min(parameters, long.MaxValue));
    }

    /// <summary>The first layer's inputs: the coordinates, or the embedding's width (passed-through coordinates + 2 per frequency).</summary>
    private static double InputWidth(Problem problem)
    {
        int d = problem.Domain.Dimension;
        var periodic = problem.Embeddings.OfType<PeriodicEmbedding>().ToList();
        var fourier = problem.Embeddings.OfType<FourierFeatures>().FirstOrDefault();
        double frequencies = periodic.Sum(p => (double)p.Harmonics) + (fourier?.Count ?? 0);
        double passthrough = fourier is not null ? 0 : d - periodic.Select(p => p.Coordinate).Distinct().Count();
        return problem.Embeddings.Count == 0 ? d : passthrough + 2 * frequencies;
    }

    private static double? Rank(IReadOnlyList<OptimizerPhase> phases, string name) =>
        phases.Where(p => p.Name == name && p.Options.ContainsKey("rank")).Select(p =>
            double.TryParse(p.Options["rank"], NumberStyles.Float, CultureInfo.InvariantCulture, out var r) ? r : 0).DefaultIfEmpty().Max() is var m && m > 0 ? m : null;

    private static double History(IReadOnlyList<OptimizerPhase> phases) =>
        phases.Where(p => p.Name == "lbfgs").Select(p => p.Options.TryGetValue("history", out var h)
            && double.TryParse(h, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : 100).DefaultIfEmpty(100).Max();

    /// <summary>A byte count in words: "3.2 GB".</summary>
    public static string Describe(double bytes) => bytes switch
    {
        >= 1e15 => string.Create(CultureInfo.InvariantCulture, $"{bytes:0.0E+0} bytes"),
        >= 1e12 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e12:0.#} TB"),
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.#} GB"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0.#} kB"),
    };

    private static string Count(double n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
