namespace Pinn.Solver.Singularity;

/// <summary>
/// The self-similar blow-up profiles of the Córdoba–Córdoba–Fontelos equation θ_t − (Hθ)θ_x = 0 on the line
/// (Hθ = (1/π) PV∫ θ(s)/(x − s) ds): −λΘ + ((1+λ)y − HΘ)Θ' = 0 for an even Θ with Θ = −y^{2i+2} + O(y^{2i+4}) on branch i.
/// </summary>
/// <remarks>
/// <para><b>Equation and sign.</b> A. Córdoba, D. Córdoba and M. A. Fontelos, "Formation of singularities for a transport
/// equation with nonlocal velocity", Annals of Math. 162 (2005), eq. (1.1) with ν = 0, write θ_t − (Hθ)θ_x = 0 with the
/// standard H above (H[1/(1+x²)] = x/(1+x²)); the form θ_t + (Hθ)θ_x = 0 used elsewhere is the same equation for −θ
/// (or with H of the opposite sign). We solve CCF's form; a profile of the other form is −Θ, with the same λ.</para>
/// <para><b>Profile equation.</b> θ(x, t) = c + (1−t)^λ Θ(y), y = x/(1−t)^{1+λ} (c is free: H of a constant is 0). Since
/// θ_t = (1−t)^{λ−1}(−λΘ + (1+λ)yΘ'), θ_x = (1−t)^{−1}Θ' and H commutes with dilations, Hθ = (1−t)^λ (HΘ)(y), the equation
/// becomes R = −λΘ + ((1+λ)y − HΘ)Θ' = 0. The blow-up at a maximum of an even θ (the scenario of CCF and of the numerics they
/// cite) has Θ even, HΘ odd, the velocity vanishing at 0, so Θ(0) = 0 and Θ ≤ 0 near 0. For Θ growing like |y|^α, α = λ/(1+λ),
/// HΘ is defined through (HΘ)' = H[Θ'] and HΘ(0) = 0.</para>
/// <para><b>Smoothness, branches and normalisation.</b> Near 0 write V = (1+λ)y − HΘ = (1 + λ − b)y + O(y³), b = (HΘ)'(0). Given V,
/// the equation VΘ' = λΘ gives Θ ∝ |y|^p·(analytic), p = λ/(1 + λ − b): the profile is smooth only if p is an even integer
/// p = 2i + 2, that is b = 1 + λ − λ/(2i + 2) — one scalar condition linking λ to a global functional of Θ (b is invariant
/// under the scaling symmetry Θ ↦ μΘ(·/μ)); it selects the admissible λ of branch i. The R's Taylor coefficient of
/// order 2i + 2 at 0 is a(λ − (2i+2)(1 + λ − b)) for Θ = −a y^{2i+2} + …: it vanishes exactly at the admissible λ and is the
/// search's signed indicator. The scaling symmetry is fixed by a = 1; the conditions Θ(0) = 0 and Θ^{(2l)}(0) = 0, l ≤ i,
/// select the branch's local order. Wang et al. 2025 ("Discovery of unstable singularities", arXiv:2509.14185, Fig. 2–3)
/// report λ = 1.1807776628998 (stable), 0.6057337012032 (1st unstable) and ≈ 0.47132 (2nd unstable) in this ansatz.</para>
/// </remarks>
public sealed class CcfProfileEquation : IProfileEquation
{
    private static readonly double[] Reference = [1.1807776628998, 0.6057337012032, 0.47132];

    /// <inheritdoc />
    public string Name => "ccf-profile";

    /// <inheritdoc />
    public string Description => "-λΘ + ((1+λ)y - HΘ)Θ' = 0 on y ∈ ℝ, Θ even, Θ = -y^(2i+2) + O(y^(2i+4)) (Córdoba-Córdoba-Fontelos θ_t - (Hθ)θ_x = 0)";

    /// <inheritdoc />
    public bool Nonlocal => true;

    /// <inheritdoc />
    public bool ProfileIsRealPart => true;

    /// <inheritdoc />
    public int Branches => 3;

    /// <inheritdoc />
    public string ReferenceSource => "Wang et al. 2025, arXiv:2509.14185, Fig. 2-3 (secondary transcription; the 2nd unstable to 5 digits)";

    /// <inheritdoc />
    public ProfileResidual Residual(double y, double lambda, double f, double derivative, double partner)
    {
        double velocity = (1 + lambda) * y - partner;
        return new ProfileResidual(-lambda * f + velocity * derivative, -lambda, velocity, -derivative, -f + y * derivative);
    }

    /// <inheritdoc />
    public int OriginOrder(int branch) => 2 * branch + 2;

    /// <inheritdoc />
    public double OriginCoefficient(int branch, double lambda, PowerSeries f, PowerSeries partner)
    {
        int order = OriginOrder(branch);
        var y = PowerSeries.Variable(order);
        var velocity = (1 + lambda) * y + (-1.0 * partner);
        var r = (-lambda) * f + velocity * f.Derivative();
        return r[order].Real;
    }

    /// <inheritdoc />
    public IReadOnlyList<ProfileCondition> Conditions(int branch)
    {
        var conditions = new List<ProfileCondition> { new("Θ(0) = 0", 0, 0) };
        for (int l = 1; l <= branch; l++) conditions.Add(new ProfileCondition($"Θ^({2 * l})(0) = 0", 0, 2 * l));
        conditions.Add(new ProfileCondition($"Θ = -y^{2 * branch + 2} + …", -1, 2 * branch + 2));
        return conditions;
    }

    /// <inheritdoc />
    /// <remarks>
    /// F₀ = a_c + Σₘ aₘ (1 − i sₘ y)^α, m = 0..i, sₘ = 2^(−m): Re F₀ = −y^{2i+2} + O(y^{2i+4}) (the coefficients of y⁰ … y^{2i}
    /// vanish), and F₀ grows like |y|^α far out. Branch 0 is A((1 − iy)^α − 1), A = −2/(α(1 − α)).
    /// </remarks>
    public System.Numerics.Complex Guess(double y, double lambda, int branch)
    {
        double alpha = AnalyticProfileBasis.FarExponent(lambda);
        var a = GuessCoefficients(alpha, branch);
        var f = System.Numerics.Complex.Zero;
        double constant = 0;
        for (int m = 0; m <= branch; m++)
        {
            f += a[m] * System.Numerics.Complex.Pow(new System.Numerics.Complex(1, -y * Math.Pow(2, -m)), alpha);
            constant -= a[m];
        }
        return f + constant;
    }

    /// <summary>aₘ of <see cref="Guess"/>: Σₘ aₘ C(α, 2n)(−1)ⁿ 4^(−mn) = −δ_{n,i+1} for n = 1..i+1 (Gaussian elimination).</summary>
    private static double[] GuessCoefficients(double alpha, int branch)
    {
        int size = branch + 1;
        var matrix = new double[size, size + 1];
        for (int n = 1; n <= size; n++)
        {
            double binomial = 1;
            for (int k = 0; k < 2 * n; k++) binomial *= (alpha - k) / (k + 1);
            for (int m = 0; m < size; m++) matrix[n - 1, m] = binomial * (n % 2 == 0 ? 1 : -1) * Math.Pow(4, -m * n);
            matrix[n - 1, size] = n == size ? -1 : 0;
        }
        for (int c = 0; c < size; c++)
        {
            int pivot = Enumerable.Range(c, size - c).MaxBy(r => Math.Abs(matrix[r, c]));
            for (int k = 0; k <= size; k++) (matrix[c, k], matrix[pivot, k]) = (matrix[pivot, k], matrix[c, k]);
            for (int r = 0; r < size; r++)
            {
                if (r == c) continue;
                double factor = matrix[r, c] / matrix[c, c];
                for (int k = c; k <= size; k++) matrix[r, k] -= factor * matrix[c, k];
            }
        }
        return Enumerable.Range(0, size).Select(m => matrix[m, size] / matrix[m, m]).ToArray();
    }

    /// <inheritdoc />
    public double StartLambda(int branch) => branch switch { 0 => 1.0, 1 => 0.5, _ => 0.4 };

    /// <inheritdoc />
    public double ReferenceLambda(int branch) => branch < Reference.Length ? Reference[branch] : double.NaN;
}
