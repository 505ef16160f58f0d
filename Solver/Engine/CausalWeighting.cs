using System.Globalization;

namespace Pinn.Solver.Engine;

/// <summary>
/// Settings of causal training for time-dependent problems: the interior residual's loss is weighted chunk by
/// chunk in time so that later times count only once earlier times are resolved (<see cref="CausalWeights"/>).
/// </summary>
/// <param name="Steepness">ε in wᵢ = exp(−ε Σ_{k&lt;i} Lₖ): how strongly an unresolved past hides later chunks
/// (0: every weight is 1, the plain loss).</param>
/// <param name="Chunks">M, the number of equal chunks the time interval is split into.</param>
/// <param name="UpdateEvery">Recompute the weights at the start of every this many steps (and of every phase);
/// between updates they are constants, so every optimizer minimises one fixed function.</param>
/// <remarks>
/// S. Wang, S. Sankaran, P. Perdikaris, "Respecting causality for training physics-informed neural networks",
/// CMAME 421 (2024), arXiv:2203.07404: the weighted residual loss (1/M) Σᵢ wᵢ Lᵢ with wᵢ = exp(−ε Σ_{k&lt;i} Lₖ).
/// Their reference code (github.com/PredictiveIntelligenceLab/CausalPINNs) uses 32 time slices and raises ε
/// through 10⁻², 10⁻¹, 1, 10, 10² whenever min wᵢ &gt; 0.99; the later "expert's guide" (S. Wang, S. Sankaran,
/// H. Wang, P. Perdikaris, arXiv:2308.08468) and its jaxpi code use one fixed ε = 1 (<c>causal_tol</c>) with
/// M = 32 (<c>num_chunks</c>): the defaults here.
/// <para>
/// Updating the weights changes the objective (<see cref="Optimizers.IObjective.Revision"/>), which makes
/// L-BFGS start afresh from −g: with L-BFGS prefer <see cref="UpdateEvery"/> of tens of steps.
/// </para>
/// </remarks>
public sealed record CausalWeighting(double Steepness = 1.0, int Chunks = 32, int UpdateEvery = 1)
{
    /// <summary>ε (finite, ≥ 0; checked).</summary>
    public double Steepness { get; init; } = Steepness >= 0 && double.IsFinite(Steepness) ? Steepness
        : throw new ArgumentOutOfRangeException(nameof(Steepness), $"the causal steepness ε must be finite and ≥ 0 (got {Steepness})");

    /// <summary>M (≥ 1; checked).</summary>
    public int Chunks { get; init; } = Chunks >= 1 ? Chunks
        : throw new ArgumentOutOfRangeException(nameof(Chunks), $"the number of causal chunks must be ≥ 1 (got {Chunks})");

    /// <summary>Steps between updates (≥ 1; checked).</summary>
    public int UpdateEvery { get; init; } = UpdateEvery >= 1 ? UpdateEvery
        : throw new ArgumentOutOfRangeException(nameof(UpdateEvery), $"the causal update interval must be ≥ 1 step (got {UpdateEvery})");

    /// <summary>Parses <c>EPS[:CHUNKS[:EVERY]]</c>, e.g. <c>1</c>, <c>1:32</c> or <c>10:16:50</c>.</summary>
    /// <exception cref="ArgumentException">The text does not have that form or a value is out of range.</exception>
    public static CausalWeighting Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        var defaults = new CausalWeighting();
        if (parts.Length > 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var steepness)
            || !(steepness >= 0) || !double.IsFinite(steepness))
            throw new ArgumentException($"--causal must be EPS[:CHUNKS[:EVERY]] with a finite EPS ≥ 0, e.g. 1 or 1:32 (got '{text}')");
        int Count(int index, int fallback, string what) =>
            parts.Length <= index ? fallback
            : int.TryParse(parts[index], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1 ? v
            : throw new ArgumentException($"--causal: {what} must be a positive integer (got '{parts[index]}' in '{text}')");
        return new CausalWeighting(steepness, Count(1, defaults.Chunks, "CHUNKS"), Count(2, defaults.UpdateEvery, "EVERY"));
    }

    /// <summary><c>EPS:CHUNKS:EVERY</c>, the form <see cref="Parse"/> reads.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Steepness:R}:{Chunks}:{UpdateEvery}");
}
