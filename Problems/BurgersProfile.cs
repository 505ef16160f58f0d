namespace Pinn.Problems;

/// <summary>
/// The self-similar blow-up profiles of the inviscid Burgers equation (problem <c>burgers-profile</c>):
/// the profile equation −λU + ((1+λ)y + U) U' = 0 on y ∈ ℝ with U(0) = 0, U'(0) = −1, U(−2) = 1, its
/// admissible rates λ = 1/(2i+2) and its exact profiles.
/// </summary>
/// <remarks>
/// With u(x, t) = (1−t)^λ U(y), y = x/(1−t)^{1+λ}, the equation u_t + u u_x = 0 becomes the profile
/// equation above. Read as an equation for y(U) it is linear, y' − ((1+λ)/λ) y/U = 1/λ, so every solution
/// with U(0) = 0 is y = −U − C U|U|^{1/λ}; it is smooth only when 1/λ is an even integer, λ = 1/(2i+2)
/// (branch i: i = 0 stable, i ≥ 1 unstable), and then y = −U − C U^{2i+3}. The scaling symmetry
/// y → μy, U → μU maps C to C μ^{−(2i+2)}; U(−2) = 1 fixes C = 1 (−2 = −1 − 1). The profile is evaluated by a
/// safeguarded Newton iteration on the monotone g(U) = U + U|U|^{1/λ} + y (Wang et al. 2025, "Discovery of
/// unstable singularities", arXiv:2509.14185, §2 and the Burgers example; TARGETS.md, row
/// <c>burgers-profile</c>). Far field: U ~ −sign(y) |y|^{λ/(1+λ)}.
/// </remarks>
public sealed class BurgersProfile
{
    /// <summary>Command-line name.</summary>
    public const string Name = "burgers-profile";

    /// <summary>One line: equation, domain, conditions.</summary>
    public const string Description =
        "-λU + ((1+λ)y + U)U' = 0 on y ∈ ℝ, U(0) = 0, U'(0) = -1, U(-2) = 1; λ unknown, smooth for λ = 1/(2i+2); exact: y = -U - U^(2i+3)";

    /// <summary>The profile of branch <paramref name="branch"/> (0: λ = 1/2, stable; 1: λ = 1/4, first unstable; …).</summary>
    public BurgersProfile(int branch)
    {
        if (branch < 0 || branch > 50) throw new ArgumentOutOfRangeException(nameof(branch), branch, "the branch must be in 0..50.");
        Branch = branch;
    }

    /// <summary>The branch index i.</summary>
    public int Branch { get; }

    /// <summary>The admissible rate λ = 1/(2i+2).</summary>
    public double Lambda => AdmissibleLambda(Branch);

    /// <summary>The exponent of the implicit relation, 1 + 1/λ = 2i + 3.</summary>
    public int Exponent => 2 * Branch + 3;

    /// <summary>λ = 1/(2i+2) of branch i.</summary>
    public static double AdmissibleLambda(int branch) => 1.0 / (2 * branch + 2);

    /// <summary>The far-field growth exponent λ/(1+λ): U ~ −sign(y)|y|^{λ/(1+λ)}.</summary>
    public static double FarFieldExponent(double lambda) => lambda / (1 + lambda);

    /// <summary>The profile residual −λU + ((1+λ)y + U) U' at one point.</summary>
    public static double Residual(double y, double u, double du, double lambda) => -lambda * u + ((1 + lambda) * y + u) * du;

    /// <summary>The exact profile U(y) of this branch (C = 1).</summary>
    public double Exact(double y) => Solve(y, Lambda);

    /// <summary>The exact profile's derivative U'(y) = −1 / (1 + (1 + 1/λ)|U|^{1/λ}) (from differentiating y = −U − U|U|^{1/λ}).</summary>
    public double ExactDerivative(double y)
    {
        var u = Exact(y);
        return -1 / (1 + (1 + 1 / Lambda) * Math.Pow(Math.Abs(u), 1 / Lambda));
    }

    /// <summary>
    /// Solves y = −U − U|U|^{1/λ} for U: the root of g(U) = U + U|U|^{1/λ} + y, which is odd, strictly
    /// increasing and convex for U &gt; 0. Safeguarded Newton: the root V = −sign(y)U of V + V^{1+1/λ} = |y| is
    /// bracketed in [0, max(|y|, |y|^{λ/(1+λ)})] and every Newton step that leaves the bracket is replaced by bisection; stops at a fixed point in float64.
    /// </summary>
    /// <param name="y">Any finite y.</param>
    /// <param name="lambda">λ &gt; 0.</param>
    public static double Solve(double y, double lambda)
    {
        if (!double.IsFinite(y)) throw new ArgumentOutOfRangeException(nameof(y), y, "y must be finite.");
        if (!(lambda > 0) || !double.IsFinite(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be positive and finite.");
        if (y == 0) return 0;
        // By oddness solve for V = −U > 0 with h(V) = V + V^p − |y| = 0, p = 1 + 1/λ; sign(U) = −sign(y).
        double target = Math.Abs(y), p = 1 + 1 / lambda;
        double lo = 0, hi = Math.Max(target, Math.Pow(target, 1 / p));   // h(0) = −|y| < 0 ≤ h(hi)
        // Start from the asymptotic guess: V ≈ |y| for small |y|, V ≈ |y|^{1/p} for large.
        double v = target < 1 ? target / (1 + Math.Pow(target, p - 1)) : Math.Pow(target, 1 / p);
        v = Math.Clamp(v, lo, hi);
        for (int k = 0; k < 400; k++)
        {
            double h = H(v, p, target);
            if (h == 0) break;
            if (h < 0) lo = v; else hi = v;
            double next = v - h / (1 + p * Math.Pow(v, p - 1));
            if (!(next >= lo && next <= hi)) next = 0.5 * (lo + hi);   // Newton left the bracket: bisect
            if (next == v) break;
            // Converged once the correction is at round-off of v (Newton's convergence is quadratic here).
            bool done = Math.Abs(next - v) <= 2 * double.Epsilon + 1e-16 * v;
            v = next;
            if (done) break;
        }
        return y > 0 ? -v : v;
    }

    private static double H(double v, double p, double target) => v + Math.Pow(v, p) - target;
}
