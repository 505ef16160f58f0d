using System.Globalization;

namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>hessian-free[:STEPS][:damping=..][:cg-iters=..][:cg-progress=..][:decay=..][:backtrack=..][:curvature=..]</c>.</summary>
    public static OptimizerDescriptor HessianFree { get; } = CreateHessianFree();

    private static OptimizerDescriptor CreateHessianFree()
    {
        var d = new HessianFreeOptions();
        return new OptimizerDescriptor(
            "hessian-free",
            "Hessian-free: truncated CG on the damped Gauss–Newton model, Levenberg–Marquardt damping (Martens 2010)",
            [
                OptimizerOption.Number("damping", OptimizerOptionKind.PositiveNumber, d.Damping, "initial λ > 0, adapted by the reduction ratio (×3/2, ×2/3)"),
                new OptimizerOption("cg-iters", OptimizerOptionKind.PositiveInteger, d.CgIterations.ToString(CultureInfo.InvariantCulture), "CG iteration limit per step"),
                OptimizerOption.Number("cg-progress", OptimizerOptionKind.PositiveNumber, d.ProgressTolerance, "ε of Martens' relative-progress CG stopping test"),
                OptimizerOption.Number("decay", OptimizerOptionKind.Fraction, d.WarmStartDecay, "CG starts from this times the previous solution"),
                new OptimizerOption("backtrack", OptimizerOptionKind.Boolean, d.Backtracking ? "true" : "false", "step back over kept CG iterates while the loss falls"),
                OptimizerOption.Choice("curvature", d.Curvature, ["auto", "gauss-newton", "hessian"], "auto: Gauss–Newton 2JᵀJ for residual objectives, else the Hessian"),
            ],
            o => new HessianFree(new HessianFreeOptions
            {
                Damping = o.Number("damping"),
                CgIterations = o.Integer("cg-iters"),
                ProgressTolerance = o.Number("cg-progress"),
                WarmStartDecay = o.Number("decay"),
                Backtracking = o.Flag("backtrack"),
                Curvature = o.Choice("curvature"),
            }),
            Needs: ObjectiveNeeds.HessianProducts,
            DefaultSteps: 200);
    }
}
