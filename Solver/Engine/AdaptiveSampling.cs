using System.Globalization;
using Pinn.Physics;

namespace Pinn.Solver.Engine;

/// <summary>
/// Settings of adaptive sampling from a pool: each PDE residual term (pointwise, on the domain's interior) gets a
/// fixed pool of candidate points, and every <see cref="Every"/> steps its batch (as many points as the term has, or
/// more when it grows) is drawn from the pool by the residual at θ (<see cref="PointPool"/>).
/// </summary>
/// <param name="Method">RAD, RAR-D or vRBA sampling.</param>
/// <param name="Pool">Candidate points per term (≥ the batch).</param>
/// <param name="Every">Steps between draws.</param>
/// <param name="Exponent">k of the density.</param>
/// <param name="Offset">c of the density (c ≥ 0; large c tends to uniform draws from the pool).</param>
/// <param name="PoolSampling">How the pool is laid out: Halton (default) or uniform random points (seeded).</param>
/// <param name="Add">RAR-D: points added per draw (0: a tenth of the term's points).</param>
/// <param name="Decay">vRBA sampling: γ of the pool's attention multipliers.</param>
/// <param name="Rate">vRBA sampling: η of the pool's attention multipliers.</param>
/// <param name="Growth">Batch growth factor (1: fixed size): at a draw the batch grows by this factor when the pool's mean
/// squared residual exceeds <see cref="Gap"/> times that of the points just trained on (they fit better than the domain).</param>
/// <param name="Gap">The ratio that triggers growth.</param>
/// <param name="MaxPoints">Largest batch growth may reach (0: a quarter of the pool).</param>
/// <param name="KeepBest">End the run at the iterate with the lowest pool mean squared residual among those the draws
/// evaluated and the last one (<see cref="BestIterate"/>), instead of the last one.</param>
/// <remarks>
/// C. Wu, M. Zhu, Q. Tan, Y. Kartha, L. Lu, "A comprehensive study of non-adaptive and residual-based adaptive
/// sampling for physics-informed neural networks", CMAME 403 (2023) 115671: density p(x) ∝ |r(x)|ᵏ/E|r|ᵏ + c over a
/// dense candidate set, recommended RAD k = 1, c = 1 (the whole set redrawn) and RAR-D k = 2, c = 0 (points added).
/// vRBA (Toscano et al. 2025, public code): every 100 quasi-Newton steps, attention multipliers on the whole
/// 200 000-point pool are updated with γ = 0.1, η = 0.9 (the exponential potential, <see cref="AttentionWeights"/>)
/// and a batch of 20 000 is drawn with density ∝ λ (k = 1, c = 0). Draws here are without replacement (weighted
/// keys, Efraimidis &amp; Spirakis 2006), seeded by the run's seed and the draw's number, so a resumed run draws the
/// same batches. The first batch is the pool's first points (a Halton pool: the same points as
/// <c>--sampling halton</c>). Each draw changes <see cref="Optimizers.IObjective.Revision"/>.
/// </remarks>
public sealed record AdaptiveSampling(
    AdaptiveMethod Method, int Pool = 100_000, int Every = 500, double Exponent = 1, double Offset = 1,
    SamplingMethod PoolSampling = SamplingMethod.Halton, int Add = 0, double Decay = 0.1, double Rate = 0.9,
    double Growth = 1, double Gap = 2, int MaxPoints = 0, bool KeepBest = false)
{
    /// <summary>The largest pool accepted (memory: 8·d bytes per candidate, plus a residual evaluation in chunks).</summary>
    public const int MaxPool = 5_000_000;

    /// <summary>The defaults of <paramref name="method"/>: RAD k = 1, c = 1; RAR-D k = 2, c = 0; vRBA k = 1, c = 0, every 100.</summary>
    public static AdaptiveSampling Defaults(AdaptiveMethod method) => method switch
    {
        AdaptiveMethod.RarD => new AdaptiveSampling(method, Exponent: 2, Offset: 0),
        AdaptiveMethod.Vrba => new AdaptiveSampling(method, Every: 100, Exponent: 1, Offset: 0),
        _ => new AdaptiveSampling(method),
    };

    /// <summary>Checks every value; returns this.</summary>
    public AdaptiveSampling Validate()
    {
        if (Pool < 1 || Pool > MaxPool) throw new ArgumentOutOfRangeException(nameof(Pool), $"--adaptive: pool must be from 1 to {MaxPool} points (got {Pool})");
        if (Every < 1) throw new ArgumentOutOfRangeException(nameof(Every), $"--adaptive: every must be ≥ 1 step (got {Every})");
        if (!(Exponent >= 0) || !double.IsFinite(Exponent)) throw new ArgumentOutOfRangeException(nameof(Exponent), $"--adaptive: k must be finite and ≥ 0 (got {Exponent})");
        if (!(Offset >= 0) || !double.IsFinite(Offset)) throw new ArgumentOutOfRangeException(nameof(Offset), $"--adaptive: c must be finite and ≥ 0 (got {Offset})");
        if (Add < 0) throw new ArgumentOutOfRangeException(nameof(Add), $"--adaptive: add must be ≥ 0 (got {Add})");
        if (Decay is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Decay), $"--adaptive: decay must be in [0, 1) (got {Decay})");
        if (!(Rate > 0) || !double.IsFinite(Rate)) throw new ArgumentOutOfRangeException(nameof(Rate), $"--adaptive: rate must be finite and > 0 (got {Rate})");
        if (!(Growth >= 1) || !double.IsFinite(Growth)) throw new ArgumentOutOfRangeException(nameof(Growth), $"--adaptive: grow must be finite and ≥ 1 (got {Growth})");
        if (!(Gap >= 1) || !double.IsFinite(Gap)) throw new ArgumentOutOfRangeException(nameof(Gap), $"--adaptive: gap must be finite and ≥ 1 (got {Gap})");
        if (MaxPoints < 0) throw new ArgumentOutOfRangeException(nameof(MaxPoints), $"--adaptive: max must be ≥ 0 (got {MaxPoints})");
        return this;
    }

    /// <summary>The options <see cref="Parse"/> reads.</summary>
    public static readonly string[] Keys = ["pool", "every", "k", "c", "pool-sampling", "add", "decay", "rate", "grow", "gap", "max", "final"];

    /// <summary>Parses <c>METHOD[:key=value...]</c>, METHOD <c>rad</c>, <c>rar-d</c> or <c>vrba</c>, e.g. <c>rad:pool=100000:every=500</c>.</summary>
    /// <exception cref="ArgumentException">The text does not have that form or a value is out of range (one line).</exception>
    public static AdaptiveSampling Parse(string text)
    {
        var spec = SpecOptions.Parse("--adaptive", text);
        var method = spec.Name switch
        {
            "rad" => AdaptiveMethod.Rad,
            "rar-d" or "rard" => AdaptiveMethod.RarD,
            "vrba" => AdaptiveMethod.Vrba,
            _ => throw new ArgumentException($"--adaptive must be rad, rar-d or vrba, optionally with :key=value options ({string.Join(", ", Keys)}) (got '{text}')"),
        };
        var d = Defaults(method);
        var result = new AdaptiveSampling(method,
            spec.Integer("pool", d.Pool, 1, MaxPool),
            spec.Integer("every", d.Every, 1, int.MaxValue),
            spec.Number("k", d.Exponent, 0, 1e6),
            spec.Number("c", d.Offset, 0, 1e300),
            spec.Choice("pool-sampling", "halton", "halton", "uniform") == "uniform" ? SamplingMethod.Uniform : SamplingMethod.Halton,
            spec.Integer("add", d.Add, 0, MaxPool),
            spec.Number("decay", d.Decay, 0, 1, openMax: true),
            spec.Number("rate", d.Rate, 0, 1e300, openMin: true),
            spec.Number("grow", d.Growth, 1, 1e6),
            spec.Number("gap", d.Gap, 1, 1e300),
            spec.Integer("max", d.MaxPoints, 0, MaxPool),
            spec.Choice("final", "last", "last", "best") == "best");
        spec.RejectUnknown(Keys);
        return result.Validate();
    }

    /// <summary>The form <see cref="Parse"/> reads, every option spelled out.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Method == AdaptiveMethod.RarD ? "rar-d" : Method.ToString().ToLowerInvariant())}:pool={Pool}:every={Every}:k={Exponent:R}:c={Offset:R}:pool-sampling={PoolSampling.ToString().ToLowerInvariant()}")
        + (Method == AdaptiveMethod.RarD ? $":add={Add}" : "")
        + (Method == AdaptiveMethod.Vrba ? string.Create(CultureInfo.InvariantCulture, $":decay={Decay:R}:rate={Rate:R}") : "")
        + (Growth > 1 ? string.Create(CultureInfo.InvariantCulture, $":grow={Growth:R}:gap={Gap:R}:max={MaxPoints}") : "")
        + (KeepBest ? ":final=best" : "");
}
