namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>engd[:STEPS][:damping=..][:ema=..][:grid=..][:blocks=true|false]</c>.</summary>
    public static OptimizerDescriptor Engd { get; } = CreateEngd();

    private static OptimizerDescriptor CreateEngd()
    {
        var d = new GramianOptions();
        return new OptimizerDescriptor(
            "engd",
            "energy natural gradient: (JᵀJ + λI)⁻¹Jᵀr with a 2^-k grid line search (Müller & Zeinhofer, ICML 2023)",
            [
                .. GramianOptionList(d),
                OptimizerOption.Number("ema", OptimizerOptionKind.Fraction, d.MovingAverage, "β of the Gramian moving average G ← βG_old + (1−β)G_new; 0 = off"),
                new OptimizerOption("blocks", OptimizerOptionKind.Boolean, d.BlockDiagonal ? "true" : "false", "use the block-diagonal part of G, one block per layer (objective must implement IParameterBlocks)"),
            ],
            s => new Engd(new GramianOptions { Damping = s.Number("damping"), GridExponents = s.Integer("grid"), MovingAverage = s.Number("ema"), BlockDiagonal = s.Flag("blocks") }),
            Needs: ObjectiveNeeds.Residuals);
    }
}
