namespace Pinn.Solver.Singularity;

/// <summary>The outcome of a profile search.</summary>
/// <param name="Branch">Branch i.</param>
/// <param name="Lambda">λ found.</param>
/// <param name="ExactLambda">The admissible λ = 1/(2i+2).</param>
/// <param name="MaxResidual">max |R̃| (envelope-scaled residual R·t^λ) on the validation grid.</param>
/// <param name="MaxRawResidual">max |R| (unscaled) on y ∈ [−10, 10].</param>
/// <param name="MaxError">max |U − U*| on y ∈ [−10, 10] against the exact profile.</param>
/// <param name="Stages">Each stage.</param>
/// <param name="Search">The (λ, origin Taylor coefficient of the fixed-λ fit) evaluations of the secant search (empty without search).</param>
/// <param name="Seconds">Total wall time.</param>
/// <param name="Zeta">Validation grid, uniform in ζ = sign(y)(1 − t) over (−1, 1).</param>
/// <param name="GridY">y(ζ) of the validation grid.</param>
/// <param name="Residual">R̃ on the validation grid.</param>
/// <param name="ProfileY">y ∈ [−10, 10] (step 0.01).</param>
/// <param name="Profile">U(y).</param>
/// <param name="Exact">U*(y).</param>
/// <param name="FarPower">m of the compactification t = (1 + y^{2m})^{−1/(2m(1+λ))}.</param>
public sealed record SingularityResult(int Branch, double Lambda, double ExactLambda, double MaxResidual, double MaxRawResidual,
    double MaxError, IReadOnlyList<StageReport> Stages, IReadOnlyList<(double Lambda, double Value)> Search, double Seconds,
    double[] Zeta, double[] GridY, double[] Residual, double[] ProfileY, double[] Profile, double[] Exact, int FarPower)
{
    /// <summary>|λ − 1/(2i+2)|.</summary>
    public double LambdaError => Math.Abs(Lambda - ExactLambda);

    /// <summary>What <see cref="MaxResidual"/> measures, for files and JSON.</summary>
    public const string ResidualDefinition =
        "max over the validation grid of |R(y)|·t(y)^λ, R = -λU + ((1+λ)y + U)U', t = (1 + y^(2m))^(-1/(2m(1+λ))): the envelope-scaled residual";
}
