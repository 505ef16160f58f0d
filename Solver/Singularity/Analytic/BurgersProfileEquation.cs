using Pinn.Problems;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The self-similar blow-up profiles of the inviscid Burgers equation, −λU + ((1+λ)y + U)U' = 0 with U odd, U'(0) = −1,
/// U(−2) = 1 (problem <c>burgers-profile</c>, <see cref="BurgersProfile"/>), for the analytic ansatz (U = Im F).
/// </summary>
/// <remarks>
/// With U = −y + Σ u_q y^q, R's coefficient of y^q is u_q(λ(q − 1) − 1) plus terms of lower coefficients, so the smooth
/// ansatz can satisfy R ≡ 0 only when the coefficient at q = 2i + 3 vanishes for a non-zero u_{2i+3}: λ = 1/(2i+2) on
/// branch i. That coefficient of order 2i + 3 is the search's indicator (for the exact profile y = −U − U^{2i+3},
/// u_{2i+3} = −1). U'(0) = −1 and U(−2) = 1 fix the scaling symmetry y ↦ μy, U ↦ μU (TARGETS.md, row burgers-profile).
/// </remarks>
public sealed class BurgersProfileEquation : IProfileEquation
{
    /// <inheritdoc />
    public string Name => BurgersProfile.Name;

    /// <inheritdoc />
    public string Description => BurgersProfile.Description;

    /// <inheritdoc />
    public bool Nonlocal => false;

    /// <inheritdoc />
    public bool ProfileIsRealPart => false;

    /// <inheritdoc />
    public int Branches => 21;

    /// <inheritdoc />
    public string ReferenceSource => "exact: λ = 1/(2i+2)";

    /// <inheritdoc />
    public ProfileResidual Residual(double y, double lambda, double f, double derivative, double partner)
    {
        double velocity = (1 + lambda) * y + f;
        return new ProfileResidual(-lambda * f + velocity * derivative, -lambda + derivative, velocity, 0, -f + y * derivative);
    }

    /// <inheritdoc />
    public int OriginOrder(int branch) => 2 * branch + 3;

    /// <inheritdoc />
    public double OriginCoefficient(int branch, double lambda, PowerSeries f, PowerSeries partner)
    {
        int order = OriginOrder(branch);
        var velocity = (1 + lambda) * PowerSeries.Variable(order) + f;
        var r = (-lambda) * f + velocity * f.Derivative();
        return r[order].Real;
    }

    /// <inheritdoc />
    /// <remarks>U'(0) = −1 and U(−2) = 1 as in TARGETS.md; the exact profile y = −U − U^{2i+3} also has U = −y + y^{2i+3} + …,
    /// and that third, consistent condition keeps the search's indicator (λ(2i+2) − 1)·u_{2i+3} from vanishing through u_{2i+3} → 0.</remarks>
    public IReadOnlyList<ProfileCondition> Conditions(int branch) =>
        [new("U'(0) = -1", -1, 1), new("U(-2) = 1", 1, At: -2), new($"U = -y + y^{2 * branch + 3} + …", 1, 2 * branch + 3)];

    /// <inheritdoc />
    /// <remarks>F₀ = (1 − iy)^α/α: Im F₀ = −y + O(y³), −sign(y)|y|^α sin(απ/2)/α far out.</remarks>
    public System.Numerics.Complex Guess(double y, double lambda, int branch)
    {
        double alpha = AnalyticProfileBasis.FarExponent(lambda);
        return System.Numerics.Complex.Pow(new System.Numerics.Complex(1, -y), alpha) / alpha;
    }

    /// <inheritdoc />
    public double StartLambda(int branch) => 0.9 * BurgersProfile.AdmissibleLambda(branch);

    /// <inheritdoc />
    public double ReferenceLambda(int branch) => BurgersProfile.AdmissibleLambda(branch);
}
