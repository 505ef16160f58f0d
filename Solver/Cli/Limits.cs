using System.Globalization;
using Pinn.Optimizers;
using Pinn.Physics;
using Pinn.Problems;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;

namespace Pinn.Solver.Cli;

/// <summary>
/// The upper bounds <c>solve</c> checks before it allocates anything (README, "Limits"): fixed bounds on each size, and
/// the run's <see cref="MemoryEstimate"/> against the memory it may use (<c>--max-memory</c>, by default what the
/// machine or its container offers). A run over either is refused with one line naming the option, the bound and the
/// memory the run would need (exit 2).
/// </summary>
public static class Limits
{
    /// <summary>Largest width of a hidden layer.</summary>
    public const int MaxWidth = 65_536;
    /// <summary>Most hidden layers.</summary>
    public const int MaxLayers = 1_000;
    /// <summary>Most collocation points per term (<c>--points</c>, <c>--boundary-points</c>).</summary>
    public const int MaxPoints = 100_000_000;
    /// <summary>Most Fourier feature frequencies.</summary>
    public const int MaxFourierFeatures = 16_384;
    /// <summary>Most causal chunks.</summary>
    public const int MaxCausalChunks = 100_000;
    /// <summary>Most candidates in an adaptive sampling pool.</summary>
    public const int MaxPool = 100_000_000;
    /// <summary>Most threads.</summary>
    public const int MaxThreads = 1_024;

    /// <summary>The memory a run may use by default: the machine's, or its container's limit when lower.</summary>
    public static double AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Checks the fixed bounds, then the memory estimate against <paramref name="maxBytes"/>.</summary>
    /// <exception cref="UsageException">A bound is exceeded (one line with the memory the run would need).</exception>
    public static MemoryEstimate Check(Problem problem, MlpOptions network, IReadOnlyList<OptimizerPhase> phases,
        CausalWeighting? causal, AdaptiveSampling? adaptive, ProblemOptions size, double maxBytes, bool hasMaxMemoryOption = true)
    {
        var estimate = MemoryEstimate.For(problem, network, phases, causal, adaptive);
        string Needs() => $"this run would need about {MemoryEstimate.Describe(estimate.Bytes)} of memory";
        void Bound(bool over, string what) { if (over) throw new UsageException($"{what} ({Needs()})"); }
        Bound(network.Hidden.Any(h => h > MaxWidth), $"--hidden {string.Join(",", network.Hidden)}: a layer may have at most {MaxWidth} neurons");
        Bound(network.Hidden.Length > MaxLayers, $"--hidden: at most {MaxLayers} hidden layers (got {network.Hidden.Length})");
        Bound(size.InteriorPoints > MaxPoints, $"--points {size.InteriorPoints}: at most {MaxPoints} points per term");
        Bound(size.BoundaryPoints > MaxPoints, $"--boundary-points {size.BoundaryPoints}: at most {MaxPoints} points per term");
        Bound(problem.Embeddings.OfType<FourierFeatures>().Any(f => f.Count > MaxFourierFeatures),
            $"--fourier-features: COUNT may be at most {MaxFourierFeatures} (got {problem.Embeddings.OfType<FourierFeatures>().FirstOrDefault()?.Count})");
        Bound(causal?.Chunks > MaxCausalChunks, $"--causal: CHUNKS may be at most {MaxCausalChunks} (got {causal?.Chunks})");
        Bound(adaptive?.Pool > MaxPool, $"--adaptive: pool may be at most {MaxPool} points (got {adaptive?.Pool})");
        if (estimate.Bytes > maxBytes)
        {
            var largest = estimate.Largest;
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"{Needs()}, more than the {MemoryEstimate.Describe(maxBytes)} it may use (the largest part, {largest.What}, is {MemoryEstimate.Describe(largest.Bytes)}); " +
                $"lower {largest.Option}{(largest.Option == "--hidden" && phases.Any(p => p.Name is "engd" or "lm" or "gauss-newton" or "bfgs") ? " or use a matrix-free optimizer (engd-nystrom, lbfgs)" : "")}{(hasMaxMemoryOption ? ", or raise --max-memory" : "")}"));
        }
        return estimate;
    }

    /// <summary>Parses <c>--max-memory</c>: a size such as 16G, 512M or 2.5T (bytes without a suffix); null for the default.</summary>
    public static double MaxBytes(string? text)
    {
        if (text is null) return AvailableBytes;
        var t = text.Trim();
        double scale = t.Length > 0 ? char.ToUpperInvariant(t[^1]) switch { 'K' => 1e3, 'M' => 1e6, 'G' => 1e9, 'T' => 1e12, _ => 1 } : 1;
        if (scale != 1) t = t[..^1];
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v * scale) ? v * scale
            : throw new UsageException($"--max-memory must be a size such as 16G or 512M (got '{text}')");
    }
}
