using System.Globalization;

namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>nncg[:STEPS][:damping=..][:rank=..][:refresh=..][:cg-tol=..][:cg-iters=..][:armijo=..][:backtrack=..]</c>.</summary>
    public static OptimizerDescriptor Nncg { get; } = CreateNncg();

    private static OptimizerDescriptor CreateNncg()
    {
        var d = new NncgOptions();
        string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
        return new OptimizerDescriptor(
            "nncg",
            "NysNewton-CG: damped Newton (H + μI)d = g by Nyström-preconditioned CG, Armijo line search (Rathore et al. 2024)",
            [
                OptimizerOption.Number("damping", OptimizerOptionKind.PositiveNumber, d.Damping, "μ > 0 added to the Hessian (paper tunes 1e-5..1e-1)"),
                new OptimizerOption("rank", OptimizerOptionKind.PositiveInteger, Text(d.Rank), "rank ℓ of the Nyström preconditioner (capped at P)"),
                new OptimizerOption("refresh", OptimizerOptionKind.PositiveInteger, Text(d.Refresh), "rebuild the preconditioner every this many steps"),
                OptimizerOption.Number("cg-tol", OptimizerOptionKind.NonNegativeNumber, d.CgTolerance, "absolute CG tolerance on ‖g − (H + μI)d‖"),
                new OptimizerOption("cg-iters", OptimizerOptionKind.PositiveInteger, Text(d.CgIterations), "CG iteration limit (Hessian-vector products) per step"),
                OptimizerOption.Number("armijo", OptimizerOptionKind.Fraction, d.ArmijoConstant, "Armijo constant c in (0, 1)"),
                OptimizerOption.Number("backtrack", OptimizerOptionKind.Fraction, d.BacktrackFactor, "step-size factor after a rejected trial, in (0, 1)"),
            ],
            o => new Nncg(new NncgOptions
            {
                Damping = o.Number("damping"),
                Rank = o.Integer("rank"),
                Refresh = o.Integer("refresh"),
                CgTolerance = o.Number("cg-tol"),
                CgIterations = o.Integer("cg-iters"),
                ArmijoConstant = o.Number("armijo"),
                BacktrackFactor = o.Number("backtrack"),
            }),
            Needs: ObjectiveNeeds.HessianProducts,
            DefaultSteps: 200);
    }
}
