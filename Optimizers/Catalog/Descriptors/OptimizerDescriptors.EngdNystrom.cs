using System.Globalization;

namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>engd-nystrom[:STEPS][:damping=..][:grid=..][:rank=..][:refresh=..][:cg-tol=..][:cg-iters=..]</c>.</summary>
    public static OptimizerDescriptor EngdNystrom { get; } = CreateEngdNystrom();

    private static OptimizerDescriptor CreateEngdNystrom()
    {
        var d = Pinn.Optimizers.EngdNystrom.DefaultOptions;
        var s = new EngdNystromOptions();
        string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
        return new OptimizerDescriptor(
            "engd-nystrom",
            "matrix-free energy natural gradient: (JᵀJ + λI)d = Jᵀr by Nyström-preconditioned CG (Frangella, Tropp & Udell 2023)",
            [
                OptimizerOption.Number("damping", OptimizerOptionKind.PositiveNumber, d.Damping, "λ > 0 added to JᵀJ (absolute; a floor for CG); raised ×10 after a failed step"),
                GramianOptionList(d).Single(o => o.Key == "grid"),
                new OptimizerOption("rank", OptimizerOptionKind.PositiveInteger, Text(s.Rank), "rank ℓ of the Nyström preconditioner (capped at P)"),
                new OptimizerOption("refresh", OptimizerOptionKind.PositiveInteger, Text(s.Refresh), "rebuild the preconditioner every this many steps"),
                OptimizerOption.Number("cg-tol", OptimizerOptionKind.NonNegativeNumber, s.CgTolerance, "relative CG residual tolerance ‖(JᵀJ+λI)d − Jᵀr‖ ≤ tol·‖Jᵀr‖"),
                new OptimizerOption("cg-iters", OptimizerOptionKind.PositiveInteger, Text(s.CgIterations), "CG iteration limit per step (reaching it fails the step)"),
            ],
            o => new EngdNystrom(
                d with { Damping = o.Number("damping"), GridExponents = o.Integer("grid") },
                new EngdNystromOptions { Rank = o.Integer("rank"), Refresh = o.Integer("refresh"), CgTolerance = o.Number("cg-tol"), CgIterations = o.Integer("cg-iters") }),
            Needs: ObjectiveNeeds.Residuals);
    }
}
