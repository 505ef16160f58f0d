namespace Pinn.Solver.Singularity;

/// <summary>
/// What a self-similar profile equation supplies to the shared search (<see cref="AnalyticProfileSolver"/>): which part of
/// the analytic ansatz F is the profile f (the other part is its Hilbert partner g = Hf for f = Re F), the pointwise
/// residual with its partial derivatives, the normalisation that fixes the scaling symmetry, and the order of the
/// Taylor coefficient of the residual at y = 0 that measures the smoothness obstruction.
/// </summary>
public interface IProfileEquation
{
    /// <summary>Name for files and output, e.g. "ccf-profile".</summary>
    string Name { get; }

    /// <summary>The profile equation in one line.</summary>
    string Description { get; }

    /// <summary>Whether the equation has a nonlocal term (the profile's ansatz then needs the regular family, see <see cref="AnalyticProfileBasis.Regular"/>).</summary>
    bool Nonlocal { get; }

    /// <summary>True when f = Re F (an even profile, g = Hf = Im F); false when f = Im F (an odd profile).</summary>
    bool ProfileIsRealPart { get; }

    /// <summary>The branches offered (0 = stable, 1 = first unstable, …).</summary>
    int Branches { get; }

    /// <summary>The residual R(y) and ∂R/∂f, ∂R/∂f', ∂R/∂g, ∂R/∂λ (explicit) at one point.</summary>
    ProfileResidual Residual(double y, double lambda, double f, double derivative, double partner);

    /// <summary>The Taylor coefficient of R of order <see cref="OriginOrder"/> at y = 0 from those of f and g.</summary>
    double OriginCoefficient(int branch, double lambda, PowerSeries f, PowerSeries partner);

    /// <summary>The order p of that coefficient on branch i: the lowest order at which R ≡ 0 constrains λ.</summary>
    int OriginOrder(int branch);

    /// <summary>The linear conditions on f that remove the symmetries (scaling, and any constant).</summary>
    IReadOnlyList<ProfileCondition> Conditions(int branch);

    /// <summary>A coarse first guess of F at a point of the line (projected on the basis to start stage 1): the right
    /// parity, local order at 0 on branch i and far-field growth |y|^α, not the profile.</summary>
    System.Numerics.Complex Guess(double y, double lambda, int branch);

    /// <summary>The default λ₀ of the search on branch i (a coarse start, not the answer).</summary>
    double StartLambda(int branch);

    /// <summary>The reference λ of branch i (exact or literature), for reporting the error only; NaN if none.</summary>
    double ReferenceLambda(int branch);

    /// <summary>Where <see cref="ReferenceLambda"/> comes from.</summary>
    string ReferenceSource { get; }
}

/// <summary>R and its partial derivatives at one point.</summary>
public readonly record struct ProfileResidual(double Value, double ByValue, double ByDerivative, double ByPartner, double ByLambda);

/// <summary>A linear condition on the profile f: its Taylor coefficient of order <paramref name="Order"/> at 0 (when
/// <paramref name="At"/> is null) or its value at <paramref name="At"/> equals <paramref name="Target"/>.</summary>
public sealed record ProfileCondition(string Name, double Target, int Order = 0, double? At = null);
