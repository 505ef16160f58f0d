using System.Globalization;

namespace Pinn.Solver.Engine;

/// <summary>
/// Settings of residual-based attention: per-point multipliers λᵢ of the PDE residual rows (pointwise terms on the
/// domain's interior), so that term's loss becomes w · mean((λᵢ rᵢ)²), updated from the residuals between steps by
/// λᵢ ← min(cap, γ λᵢ + η qᵢ) (<see cref="AttentionWeights"/>).
/// </summary>
/// <param name="Variant">How q comes from the residuals (<see cref="AttentionVariant"/>).</param>
/// <param name="Decay">γ ∈ [0, 1): the memory of the multipliers.</param>
/// <param name="Rate">η &gt; 0: the weight of each new residual snapshot.</param>
/// <param name="Cap">An upper bound on λ (∞: none; the update already keeps λ ≤ max(λ₀, η/(1 − γ))).</param>
/// <param name="Initial">λ₀ of every point.</param>
/// <param name="UpdateEvery">Steps between updates.</param>
/// <param name="FirstPhase">First phase (1-based) whose loss is weighted.</param>
/// <param name="LastPhase">Last phase (1-based) whose loss is weighted; in other phases the loss is unweighted and λ is
/// neither used nor updated.</param>
/// <remarks>
/// S. J. Anagnostopoulos, J. D. Toscano, N. Stergiopulos, G. E. Karniadakis, "Residual-based attention in
/// physics-informed neural networks", CMAME 421 (2024) 116805: λᵢ ← γλᵢ + η|rᵢ|/max|r|, with γ = 0.999 and η = 0.01
/// (so λ ≤ η/(1 − γ) = 10), the multipliers multiplying the residuals inside the mean square.
/// J. D. Toscano, D. T. Chen, V. Oommen, J. Darbe, G. E. Karniadakis, "A principled framework for residual-based
/// adaptivity in neural PDE solvers and operator learning" (vRBA, 2025): the update target is the normalised
/// derivative of a convex potential of the residual; for the exponential potential with logarithmic annealing (their
/// default, public code <c>update_vRBA</c>) q = β e^{β|r|}/max(β e^{β|r|}) with β = ln(k + 2)/max|r| at iteration k,
/// i.e. q = (k + 2)^{|r|/max|r| − 1}; their code starts every λ at 0.1 and uses γ = 0.999, η = 0.01 in the Adam stage.
/// The defaults here are those. Every optimizer family sees the weighted rows (loss, gradient, residual vector,
/// Jacobian, K-FAC factors); an update changes <see cref="Optimizers.IObjective.Revision"/>, which makes L-BFGS and LM
/// re-evaluate at θ, so with curvature-keeping optimizers prefer <see cref="UpdateEvery"/> of tens of steps or limit
/// the weighting to the first-order phase (their code freezes the weights in its quasi-Newton stage).
/// </remarks>
public sealed record ResidualAttention(
    AttentionVariant Variant = AttentionVariant.Vrba, double Decay = 0.999, double Rate = 0.01, double Cap = double.PositiveInfinity,
    double Initial = 0.1, int UpdateEvery = 1, int FirstPhase = 1, int LastPhase = int.MaxValue)
{
    /// <summary>γ (checked: 0 ≤ γ &lt; 1).</summary>
    public double Decay { get; init; } = Decay is >= 0 and < 1 ? Decay
        : throw new ArgumentOutOfRangeException(nameof(Decay), $"the attention decay γ must be in [0, 1) (got {Decay})");

    /// <summary>η (checked: finite, &gt; 0).</summary>
    public double Rate { get; init; } = Rate > 0 && double.IsFinite(Rate) ? Rate
        : throw new ArgumentOutOfRangeException(nameof(Rate), $"the attention rate η must be finite and > 0 (got {Rate})");

    /// <summary>The cap (checked: &gt; 0).</summary>
    public double Cap { get; init; } = Cap > 0 ? Cap
        : throw new ArgumentOutOfRangeException(nameof(Cap), $"the attention cap must be > 0 (got {Cap})");

    /// <summary>λ₀ (checked: finite, &gt; 0).</summary>
    public double Initial { get; init; } = Initial > 0 && double.IsFinite(Initial) ? Initial
        : throw new ArgumentOutOfRangeException(nameof(Initial), $"the initial attention multiplier must be finite and > 0 (got {Initial})");

    /// <summary>Steps between updates (checked: ≥ 1).</summary>
    public int UpdateEvery { get; init; } = UpdateEvery >= 1 ? UpdateEvery
        : throw new ArgumentOutOfRangeException(nameof(UpdateEvery), $"the attention update interval must be ≥ 1 step (got {UpdateEvery})");

    /// <summary>Whether phase <paramref name="phase"/> (0-based) is weighted.</summary>
    public bool Weighs(int phase) => phase + 1 >= FirstPhase && phase + 1 <= LastPhase;

    /// <summary>The options <see cref="Parse"/> reads.</summary>
    public static readonly string[] Keys = ["decay", "rate", "cap", "init", "every", "phases"];

    /// <summary>Parses <c>VARIANT[:key=value...]</c>, VARIANT <c>rba</c> or <c>vrba</c>, keys <see cref="Keys"/>, e.g. <c>vrba:every=10:phases=1</c>.</summary>
    /// <exception cref="ArgumentException">The text does not have that form or a value is out of range (one line).</exception>
    public static ResidualAttention Parse(string text)
    {
        var spec = SpecOptions.Parse("--rba", text);
        var variant = spec.Name switch
        {
            "rba" => AttentionVariant.Rba,
            "vrba" => AttentionVariant.Vrba,
            _ => throw new ArgumentException($"--rba must be rba or vrba, optionally with :key=value options ({string.Join(", ", Keys)}) (got '{text}')"),
        };
        var d = new ResidualAttention(variant);
        var (first, last) = spec.Range("phases", (d.FirstPhase, d.LastPhase));
        var result = new ResidualAttention(variant,
            spec.Number("decay", d.Decay, 0, 1, openMax: true),
            spec.Number("rate", d.Rate, 0, double.MaxValue, openMin: true),
            spec.Number("cap", d.Cap, 0, double.PositiveInfinity, openMin: true),
            spec.Number("init", d.Initial, 0, double.MaxValue, openMin: true),
            spec.Integer("every", d.UpdateEvery, 1, int.MaxValue), first, last);
        spec.RejectUnknown(Keys);
        return result;
    }

    /// <summary>The form <see cref="Parse"/> reads, every option spelled out.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Variant.ToString().ToLowerInvariant()}:decay={Decay:R}:rate={Rate:R}{(double.IsPositiveInfinity(Cap) ? "" : $":cap={Cap:R}")}:init={Initial:R}:every={UpdateEvery}")
        + (FirstPhase == 1 && LastPhase == int.MaxValue ? "" : $":phases={FirstPhase}-{(LastPhase == int.MaxValue ? "" : LastPhase)}");
}
