namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry of <see cref="GaussNewton"/>: <c>gauss-newton[:STEPS][:damping=..][:grid=..]</c>.</summary>
    public static OptimizerDescriptor GaussNewton { get; } = CreateGaussNewton();

    private static OptimizerDescriptor CreateGaussNewton()
    {
        var d = GramianOptions.GaussNewtonDefaults;
        return new OptimizerDescriptor(
            "gauss-newton",
            "Gauss–Newton (pseudo-inverse of JᵀJ, optional damping) with a 2^-k grid line search",
            GramianOptionList(d),
            s => Pinn.Optimizers.Engd.GaussNewton(d with { Damping = s.Number("damping"), GridExponents = s.Integer("grid") }),
            Needs: ObjectiveNeeds.Residuals);
    }
}
