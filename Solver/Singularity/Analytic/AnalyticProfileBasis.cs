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
/// </remarks>
public sealed class AnalyticProfileBasis
{
    /// <summary>A basis of <paramref name="powers"/> far-field powers J and <paramref name="modes"/> Cayley modes K, length L.</summary>
    public AnalyticProfileBasis(int powers, int modes, double length = 1, bool regular = false)
    {
        if (powers is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(powers), powers, "the number of far-field powers must be in 1..64");
        if (modes is < 1 or > 512) throw new ArgumentOutOfRangeException(nameof(modes), modes, "the number of Cayley modes must be in 1..512");
        if (!(length > 0) || !double.IsFinite(length)) throw new ArgumentOutOfRangeException(nameof(length), length, "the length must be positive and finite");
        Powers = powers;
        Modes = modes;
        Length = length;
        Regular = regular;
    }

    /// <summary>
    /// Whether the basis also holds the regular family ζᵏ (γ = 0): the part of F analytic at infinity, which a nonlocal
    /// equation needs (the Hilbert transform of a profile carries the moments M/y, M/y³, … of its decaying part).
    /// </summary>
    public bool Regular { get; }

    /// <summary>Families of K functions: the J far-field powers, then the regular family when present.</summary>
    public int Families => Powers + (Regular ? 1 : 0);

    /// <summary>J.</summary>
    public int Powers { get; }

    /// <summary>K.</summary>
    public int Modes { get; }

    /// <summary>L.</summary>
    public double Length { get; }

    /// <summary>(J + regular)·K functions, index j·K + k.</summary>
    public int Count => Families * Modes;

    /// <summary>α = λ/(1 + λ): profiles grow like |y|^α.</summary>
    public static double FarExponent(double lambda) => lambda / (1 + lambda);

    /// <summary>γⱼ = (j − λ)/(1 + λ).</summary>
    public static double Exponent(int j, double lambda) => (j - lambda) / (1 + lambda);

    /// <summary>dγⱼ/dλ = −(1 + j)/(1 + λ)².</summary>
    public static double ExponentDerivative(int j, double lambda) => -(1 + j) / ((1 + lambda) * (1 + lambda));

    private double FamilyExponent(int family, double lambda) => family < Powers ? Exponent(family, lambda) : 0;

    private double FamilyExponentDerivative(int family, double lambda) => family < Powers ? ExponentDerivative(family, lambda) : 0;

    /// <summary>b, db/dy, ∂b/∂λ and ∂(db/dy)/∂λ of every function at the real point y (spans of length <see cref="Count"/>).</summary>
    public void Evaluate(double y, double lambda, Span<Complex> value, Span<Complex> derivative, Span<Complex> valueLambda, Span<Complex> derivativeLambda)
    {
        var q = new Complex(0, 1 / Length);                 // du/dy = q u²
        var u = Complex.One / (Complex.One - q * y);
        var log = Complex.Log(u);
        var zeta = Complex.One - 2 * u;
        for (int j = 0; j < Families; j++)
        {
            double gamma = FamilyExponent(j, lambda), gammaLambda = FamilyExponentDerivative(j, lambda);
            var power = Complex.Exp(gamma * log);         // u^γ
            var next = power * u;                          // u^{γ+1}
            Complex zetaPower = Complex.One, zetaBelow = Complex.Zero;   // ζᵏ and k ζ^{k−1}
            for (int k = 0; k < Modes; k++)
            {
                int i = j * Modes + k;
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
    }

    /// <summary>The Taylor series at y = 0 (to <paramref name="order"/>) of every function and of its λ-derivative.</summary>
    public (PowerSeries[] Value, PowerSeries[] ValueLambda) Series(double lambda, int order)
    {
        var q = new Complex(0, 1 / Length);
        var u = PowerSeries.InversePower(q, 1, order);
        var zeta = PowerSeries.Constant(1, order) + (-2.0 * u);
        var log = PowerSeries.MinusLogOneMinus(q, order);
        var values = new PowerSeries[Count];
        var lambdas = new PowerSeries[Count];
        for (int j = 0; j < Families; j++)
        {
            var power = PowerSeries.InversePower(q, FamilyExponent(j, lambda), order);
            var term = power;
            for (int k = 0; k < Modes; k++)
            {
                values[j * Modes + k] = term;
                lambdas[j * Modes + k] = FamilyExponentDerivative(j, lambda) * (log * term);
                term *= zeta;
            }
        }
        return (values, lambdas);
    }
}
