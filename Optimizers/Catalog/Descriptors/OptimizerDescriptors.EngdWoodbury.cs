namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>engd-woodbury[:STEPS][:damping=..][:grid=..]</c>.</summary>
    public static OptimizerDescriptor EngdWoodbury { get; } = CreateEngdWoodbury();

    private static OptimizerDescriptor CreateEngdWoodbury()
    {
        var d = new GramianOptions();
        return new OptimizerDescriptor(
            "engd-woodbury",
            "energy natural gradient in kernel form Jᵀ(JJᵀ + λI)⁻¹r, for fewer residuals than parameters (Müller & Zeinhofer 2023)",
            GramianOptionList(d),
            s => new EngdWoodbury(new GramianOptions { Damping = s.Number("damping"), GridExponents = s.Integer("grid") }),
            Needs: ObjectiveNeeds.Residuals);
    }
}
