namespace Pinn.Solver.Singularity;

/// <summary>The outcome of an analytic profile search: λ, the residual over the whole compactified line, each stage, and the
/// profile with its Hilbert partner sampled for figures and files.</summary>
/// <param name="Equation">The equation's name.</param>
/// <param name="Branch">Branch i.</param>
/// <param name="Lambda">λ found.</param>
/// <param name="ReferenceLambda">The exact or literature λ of the branch (NaN if none).</param>
/// <param name="MaxResidual">max |R̃| on the validation grid (<see cref="ResidualDefinition"/>).</param>
/// <param name="Stages">Each stage.</param>
/// <param name="Search">(λ, origin coefficient) of each fixed-λ fit of the secant search.</param>
/// <param name="Seconds">Total wall time.</param>
/// <param name="Zeta">The validation grid, uniform in ζ = sign(y)(1 − t).</param>
/// <param name="GridY">y(ζ).</param>
/// <param name="Residual">R̃ on the grid.</param>
/// <param name="Profile">f on the grid.</param>
/// <param name="Partner">g on the grid (Hf for an even profile).</param>
/// <param name="HilbertCheck">max over |y| ≤ 10 of |H_FFT[f'] − g' − c|, the closed-form Hilbert partner's derivative checked against the
/// FFT transform of f' on 2¹⁶ Cayley points up to their mean offset c (NaN for an odd profile, whose equation does not use g). f' decays
/// like |y|^(α−1), a branch point at φ = π for the FFT, whose constant term C[F](π) converges only like n^(α−1) and whose values
/// like n^(α−2): the offset is removed and the check is a consistency test at the 1e-6 level, not a round-off proof.</param>
public sealed record AnalyticProfileResult(string Equation, int Branch, double Lambda, double ReferenceLambda, double MaxResidual,
    IReadOnlyList<AnalyticStageReport> Stages, IReadOnlyList<(double Lambda, double Value)> Search, double Seconds,
    double[] Zeta, double[] GridY, double[] Residual, double[] Profile, double[] Partner, double HilbertCheck)
{
    /// <summary>|λ − λ_ref|.</summary>
    public double LambdaError => Math.Abs(Lambda - ReferenceLambda);

    /// <summary>What <see cref="MaxResidual"/> measures.</summary>
    public const string ResidualDefinition =
        "max over the validation grid of |R(y)|·(1 + y²)^(-α/2), α = λ/(1+λ), R the profile equation's residual: the envelope-scaled residual";

    /// <summary>The result of a finished search.</summary>
    public static AnalyticProfileResult Create(IProfileEquation equation, AnalyticSingularityOptions options, double lambda,
        IReadOnlyList<AnalyticStage> stages, IReadOnlyList<AnalyticStageReport> reports, IReadOnlyList<(double, double)> search,
        double seconds, int validationPoints)
    {
        var profile = new AnalyticProfile(equation, stages);
        var (zeta, y) = AnalyticProfileSolver.ValidationGrid(validationPoints, lambda);
        var (f, _, g) = profile.Evaluate(y, lambda);
        var residual = profile.ScaledResidual(y, lambda);
        double check = equation.ProfileIsRealPart ? HilbertPartnerCheck(profile, lambda) : double.NaN;
        return new AnalyticProfileResult(equation.Name, options.Branch, lambda, equation.ReferenceLambda(options.Branch),
            residual.Max(Math.Abs), reports, search, seconds, zeta, y, residual, f, g, check);
    }

    /// <summary>max over |y| ≤ 10 of |H_FFT[f'] − g' − c| on 2¹⁶ Cayley points, c the mean difference (see <see cref="HilbertCheck"/>).</summary>
    public static double HilbertPartnerCheck(AnalyticProfile profile, double lambda, int n = 1 << 16)
    {
        var y = HilbertTransform.Grid(n);
        var derivative = new double[n];
        var partnerDerivative = new double[n];
        for (int k = 0; k < n; k++)
        {
            var (_, d, _, _) = profile.At(y[k], lambda);
            derivative[k] = profile.Part(d);
            partnerDerivative[k] = profile.Partner(d);
        }
        var transform = HilbertTransform.Apply(derivative);
        var difference = Enumerable.Range(0, n).Where(k => Math.Abs(y[k]) <= 10).Select(k => transform[k] - partnerDerivative[k]).ToArray();
        double offset = difference.Average();
        return difference.Max(d => Math.Abs(d - offset));
    }
}
