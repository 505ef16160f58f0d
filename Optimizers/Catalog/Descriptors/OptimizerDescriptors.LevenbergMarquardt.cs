namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>lm[:STEPS][:mu=..][:scaling=identity|diagonal][:gtol=..][:geodesic=..]</c>.</summary>
    public static OptimizerDescriptor LevenbergMarquardt { get; } = CreateLevenbergMarquardt();

    private static OptimizerDescriptor CreateLevenbergMarquardt()
    {
        var d = new LevenbergMarquardtOptions();
        return new OptimizerDescriptor(
            "lm",
            "Levenberg–Marquardt with Nielsen's damping update (Madsen, Nielsen & Tingleff 2004, Alg. 3.16)",
            [
                OptimizerOption.Number("mu", OptimizerOptionKind.PositiveNumber, d.InitialDampingFactor, "τ of the initial damping μ₀ = τ·max diag(JᵀJ) (τ alone with diagonal scaling)"),
                OptimizerOption.Choice("scaling", d.Scaling.ToString().ToLowerInvariant(), ["identity", "diagonal"], "damping matrix D: identity (Levenberg) or diag(JᵀJ) (Marquardt)"),
                OptimizerOption.Number("gtol", OptimizerOptionKind.PositiveNumber, d.GradientTolerance, "stop when ‖∇L‖∞ ≤ gtol·max(1, ‖∇L‖∞ at the first step)"),
                new OptimizerOption("geodesic", OptimizerOptionKind.Boolean, d.GeodesicAcceleration ? "true" : "false", "add geodesic acceleration (Transtrum & Sethna 2012), one more residual evaluation per step"),
            ],
            s => new LevenbergMarquardt(new LevenbergMarquardtOptions
            {
                InitialDampingFactor = s.Number("mu"),
                Scaling = s.Choice("scaling") == "diagonal" ? LevenbergMarquardtScaling.Diagonal : LevenbergMarquardtScaling.Identity,
                GradientTolerance = s.Number("gtol"),
                GeodesicAcceleration = s.Flag("geodesic"),
            }),
            Needs: ObjectiveNeeds.Residuals);
    }
}
