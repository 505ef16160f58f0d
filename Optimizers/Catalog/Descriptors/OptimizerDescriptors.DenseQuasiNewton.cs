using System.Globalization;

namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry <c>bfgs[:STEPS][:gtol=..][:ftol=..][:max-evals=..][:initial-scale=..][:keep=..][:max-params=..]</c>.</summary>
    public static OptimizerDescriptor Bfgs { get; } = CreateDenseQuasiNewton(DenseQuasiNewtonUpdate.Bfgs,
        "dense BFGS (inverse Hessian, Nocedal & Wright eq. 6.17) with a strong Wolfe line search; P ≤ ~10⁴");

    /// <summary>The catalogue entry <c>ssbfgs</c>, options as <see cref="Bfgs"/>.</summary>
    public static OptimizerDescriptor SelfScaledBfgs { get; } = CreateDenseQuasiNewton(DenseQuasiNewtonUpdate.SelfScaledBfgs,
        "self-scaled dense BFGS, τ = min(1, sᵀy/sᵀBs) (Al-Baali 1998; Urbán et al. 2025), strong Wolfe; P ≤ ~10⁴");

    /// <summary>The catalogue entry <c>ssbroyden</c>, options as <see cref="Bfgs"/>.</summary>
    public static OptimizerDescriptor SelfScaledBroyden { get; } = CreateDenseQuasiNewton(DenseQuasiNewtonUpdate.SelfScaledBroyden,
        "self-scaled dense Broyden class, τ and φ per step (Al-Baali 1998; Urbán et al. 2025; Kiyani et al. 2025), strong Wolfe; P ≤ ~10⁴");

    private static OptimizerDescriptor CreateDenseQuasiNewton(DenseQuasiNewtonUpdate update, string description)
    {
        var d = new DenseQuasiNewtonOptions { Update = update };
        return new OptimizerDescriptor(
            DenseQuasiNewton.NameOf(update),
            description,
            [
                OptimizerOption.Number("gtol", OptimizerOptionKind.PositiveNumber, d.GradientTolerance, "stop when the largest absolute gradient entry is at most this"),
                OptimizerOption.Number("ftol", OptimizerOptionKind.PositiveNumber, d.FunctionTolerance, "relative loss change regarded as none (stall test)"),
                new OptimizerOption("max-evals", OptimizerOptionKind.PositiveInteger, d.MaxEvaluationsPerStep.ToString(CultureInfo.InvariantCulture), "line-search evaluations allowed per iteration"),
                new OptimizerOption("initial-scale", OptimizerOptionKind.Boolean, d.InitialScale ? "true" : "false", "scale H = I by the rule's τ before its first update (N&W eq. 6.20)"),
                new OptimizerOption("keep", OptimizerOptionKind.Boolean, d.KeepOnRevision ? "true" : "false", "keep H when the points are redrawn at the same θ (false: reset it to I)"),
                new OptimizerOption("max-params", OptimizerOptionKind.PositiveInteger, d.MaxParameters.ToString(CultureInfo.InvariantCulture), "refuse networks with more parameters (H takes 8P² bytes)"),
            ],
            s => new DenseQuasiNewton(d with
            {
                GradientTolerance = s.Number("gtol"),
                FunctionTolerance = s.Number("ftol"),
                MaxEvaluationsPerStep = s.Integer("max-evals"),
                InitialScale = s.Flag("initial-scale"),
                KeepOnRevision = s.Flag("keep"),
                MaxParameters = s.Integer("max-params"),
            }));
    }
}
