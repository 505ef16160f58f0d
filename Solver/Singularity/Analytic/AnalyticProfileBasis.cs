using System.Numerics;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The basis of the analytic profile ansatz: functions bⱼₖ(z) = u^{γⱼ} ζᵏ of z in the closed upper half-plane with
/// u = 1/(1 − iz/L), ζ = 1 − 2u = (z − iL)/(z + iL) (the Cayley map onto the unit disk) and γⱼ = (j − λ)/(1 + λ),
/// j = 0..J−1, k = 0..K−1. A profile is the real or imaginary part on the line of F = Σ cⱼₖ bⱼₖ with real cⱼₖ.
/// </summary>
/// <remarks>
/// Every bⱼₖ is analytic in the upper half-plane (Re u &gt; 0 there, so the principal power is analytic), grows at most
/// like |z|^α, α = λ/(1 + λ) &lt; 1, and satisfies b(−ȳ) = conj b(y); so on the line Re F is even, Im F odd, and
/// Im F = H[Re F] exactly, with H the Hilbert transform (1/π) PV∫ f(s)/(y − s) ds and the odd normalisation Im F(0) = 0
/// (for growing F the identity holds for the derivatives, (Im F)' = H[(Re F)'], F' decaying like |z|^(α−1)): the
/// nonlocal term of an equation such as Córdoba–Córdoba–Fontelos costs nothing and carries no discretisation error.
/// The exponents γⱼ = −α + j(1 − α) are those of the far-field expansion of a self-similar profile that grows like
/// |y|^α: in the compact coordinate w = u^{1−α} (|w| = t = (1 + y²/L²)^{−1/(2(1+λ))}, the compactification of the
/// network ansatz with m = 1) the ansatz is F = u^{−α} Σⱼ wʲ Qⱼ(ζ), Qⱼ polynomials in the Cayley variable, which are
/// smooth on the whole compactified line, the point at infinity (ζ = 1) included. A nonlocal equation's far field also
/// holds integer powers of u (the Hilbert transform of a profile carries its moments as M/y, M/y³, …), which no
/// u^{γⱼ}·polynomial represents for irrational λ: the optional regular family ζᵏ (γ = 0) adds them; without it the CCF
/// fits stalled at residuals ~1e-3, with it they converge spectrally. Wang et al. 2025 ("Discovery of unstable singularities",
/// arXiv:2509.14185, §2) build symmetry and far-field asymptotics into the ansatz in the same spirit.
/// <para>The far-power families may have their own length L_f and mode count K_f (a long, coarse map for the far field next
/// to a short, fine one for the regular family near the origin), and an optional <see cref="AnalyticLocalFamily"/> resolves a
/// sharp feature at ±y_d: the CCF first unstable profile's V/y dip converged only with both (the ccf2 prototype).</para>
/// </remarks>
public sealed class AnalyticProfileBasis
{
    /// <summary>
    /// A basis of <paramref name="powers"/> far-field powers J and <paramref name="modes"/> Cayley modes K, length L; the far
    /// powers take <paramref name="farModes"/> modes K_f and length <paramref name="farLength"/> L_f when given (else K and L).
    /// </summary>
    public AnalyticProfileBasis(int powers, int modes, double length = 1, bool regular = false, int? farModes = null,
        double? farLength = null, AnalyticLocalFamily? local = null)
    {
        if (powers is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(powers), powers, "the number of far-field powers must be in 1..64");
        if (modes is < 1 or > 512) throw new ArgumentOutOfRangeException(nameof(modes), modes, "the number of Cayley modes must be in 1..512");
        if (farModes is < 1 or > 512) throw new ArgumentOutOfRangeException(nameof(farModes), farModes, "the number of far-power modes must be in 1..512");
        if (!(length > 0) || !double.IsFinite(length)) throw new ArgumentOutOfRangeException(nameof(length), length, "the length must be positive and finite");
        if (farLength is { } lf && (!(lf > 0) || !double.IsFinite(lf))) throw new ArgumentOutOfRangeException(nameof(farLength), lf, "the far length must be positive and finite");
        Powers = powers;
        Modes = modes;
        Length = length;
        Regular = regular;
        FarModes = farModes ?? modes;
        FarLength = farLength ?? length;
        Local = local?.Validate();
    }

    /// <summary>
    /// Whether the basis also holds the regular family ζᵏ (γ = 0): the part of F analytic at infinity, which a nonlocal
    /// equation needs (the Hilbert transform of a profile carries the moments M/y, M/y³, … of its decaying part).
    /// </summary>
    public bool Regular { get; }

    /// <summary>Families of Cayley functions: the J far-field powers, then the regular family when present.</summary>
    public int Families => Powers + (Regular ? 1 : 0);

    /// <summary>J.</summary>
    public int Powers { get; }

    /// <summary>K, the modes of the regular family (and of the far powers unless <see cref="FarModes"/> differs).</summary>
    public int Modes { get; }

    /// <summary>L, the length of the regular family (and of the far powers unless <see cref="FarLength"/> differs).</summary>
    public double Length { get; }

    /// <summary>K_f, the modes of each far-power family.</summary>
    public int FarModes { get; }

    /// <summary>L_f, the length of the far-power families.</summary>
    public double FarLength { get; }

    /// <summary>The local family at ±y_d, or null.</summary>
    public AnalyticLocalFamily? Local { get; }

    /// <summary>Index of the first function of the regular family (J·K_f).</summary>
    public int RegularStart => Powers * FarModes;

    /// <summary>Index of the first function of the local family.</summary>
    public int LocalStart => RegularStart + (Regular ? Modes : 0);

    /// <summary>J·K_f + (regular ? K : 0) + (local ? K_d : 0) functions: far power j, mode k at j·K_f + k, then the regular family, then the local one.</summary>
    public int Count => LocalStart + (Local?.Modes ?? 0);

    /// <summary>α = λ/(1 + λ): profiles grow like |y|^α.</summary>
    public static double FarExponent(double lambda) => lambda / (1 + lambda);

    /// <summary>γⱼ = (j − λ)/(1 + λ).</summary>
    public static double Exponent(int j, double lambda) => (j - lambda) / (1 + lambda);

    /// <summary>dγⱼ/dλ = −(1 + j)/(1 + λ)².</summary>
    public static double ExponentDerivative(int j, double lambda) => -(1 + j) / ((1 + lambda) * (1 + lambda));

    private double FamilyExponent(int family, double lambda) => family < Powers ? Exponent(family, lambda) : 0;

    private double FamilyExponentDerivative(int family, double lambda) => family < Powers ? ExponentDerivative(family, lambda) : 0;

    private (int Start, int Modes, double Length) Family(int family) =>
        family < Powers ? (family * FarModes, FarModes, FarLength) : (RegularStart, Modes, Length);

    /// <summary>b, db/dy, ∂b/∂λ and ∂(db/dy)/∂λ of every function at the real point y (spans of length <see cref="Count"/>).</summary>
    public void Evaluate(double y, double lambda, Span<Complex> value, Span<Complex> derivative, Span<Complex> valueLambda, Span<Complex> derivativeLambda)
    {
        for (int j = 0; j < Families; j++)
        {
            var (start, modes, length) = Family(j);
            var q = new Complex(0, 1 / length);                 // du/dy = q u²
            var u = Complex.One / (Complex.One - q * y);
            var log = Complex.Log(u);
            var zeta = Complex.One - 2 * u;
            double gamma = FamilyExponent(j, lambda), gammaLambda = FamilyExponentDerivative(j, lambda);
            var power = Complex.Exp(gamma * log);         // u^γ
            var next = power * u;                          // u^{γ+1}
            Complex zetaPower = Complex.One, zetaBelow = Complex.Zero;   // ζᵏ and k ζ^{k−1}
            for (int k = 0; k < modes; k++)
            {
                int i = start + k;
                var b = power * zetaPower;
                // d/dy (u^γ ζᵏ) = q u^{γ+1} (γ ζᵏ − 2 u k ζ^{k−1})
                var db = q * next * (gamma * zetaPower - 2 * u * zetaBelow);
                value[i] = b;
                derivative[i] = db;
                valueLambda[i] = gammaLambda * log * b;
                derivativeLambda[i] = gammaLambda * (log * db + q * next * zetaPower);
                zetaBelow = (k + 1) * zetaPower;
                zetaPower *= zeta;
            }
        }
        if (Local is not { } local) return;
        local.Evaluate(y, value.Slice(LocalStart, local.Modes), derivative.Slice(LocalStart, local.Modes));
        valueLambda.Slice(LocalStart, local.Modes).Clear();
        derivativeLambda.Slice(LocalStart, local.Modes).Clear();
    }

    /// <summary>The Taylor series at y = 0 (to <paramref name="order"/>) of every function and of its λ-derivative.</summary>
    public (PowerSeries[] Value, PowerSeries[] ValueLambda) Series(double lambda, int order)
    {
        var values = new PowerSeries[Count];
        var lambdas = new PowerSeries[Count];
        for (int j = 0; j < Families; j++)
        {
            var (start, modes, length) = Family(j);
            var q = new Complex(0, 1 / length);
            var u = PowerSeries.InversePower(q, 1, order);
            var zeta = PowerSeries.Constant(1, order) + (-2.0 * u);
            var log = PowerSeries.MinusLogOneMinus(q, order);
            var term = PowerSeries.InversePower(q, FamilyExponent(j, lambda), order);
            for (int k = 0; k < modes; k++)
            {
                values[start + k] = term;
                lambdas[start + k] = FamilyExponentDerivative(j, lambda) * (log * term);
                term *= zeta;
            }
        }
        if (Local is { } local)
        {
            var series = local.Series(order);
            for (int k = 0; k < local.Modes; k++) (values[LocalStart + k], lambdas[LocalStart + k]) = (series[k], PowerSeries.Constant(0, order));
        }
        return (values, lambdas);
    }
}
