namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>soap[:STEPS][:lr=..][:beta1=..][:beta2=..][:shampoo-beta=..][:eps=..][:frequency=..][:max-dim=..][:weight-decay=..]</c>.</summary>
    public static OptimizerDescriptor Soap { get; } = CreateSoap();

    private static OptimizerDescriptor CreateSoap()
    {
        // Catalogue defaults: the PINN settings (see SoapOptions.Pinn), which train poisson2d well; the
        // reference's are lr=3e-3:beta1=0.95:beta2=0.95:shampoo-beta=0.95:frequency=10.
        var d = SoapOptions.Pinn;
        return new OptimizerDescriptor(
            "soap",
            "SOAP, Adam in the eigenbasis of Shampoo's Kronecker factors (Vyas et al. 2024); PINN settings of Wang et al. 2025",
            [
                OptimizerOption.Number("lr", OptimizerOptionKind.PositiveNumber, d.LearningRate, "learning rate (step size)"),
                OptimizerOption.Number("beta1", OptimizerOptionKind.Fraction, d.Beta1, "decay rate of the first moment (in the eigenbasis)"),
                OptimizerOption.Number("beta2", OptimizerOptionKind.Fraction, d.Beta2, "decay rate of the second moment (in the eigenbasis)"),
                OptimizerOption.Number("shampoo-beta", OptimizerOptionKind.Fraction, d.EffectiveShampooBeta, "decay rate of the factors L, R (the reference uses beta2; set both)"),
                OptimizerOption.Number("eps", OptimizerOptionKind.PositiveNumber, d.Epsilon, "added to the root of the second moment"),
                OptimizerOption.Number("frequency", OptimizerOptionKind.PositiveInteger, d.PreconditionFrequency, "refresh the eigenbases every this many steps (reference 10)"),
                OptimizerOption.Number("max-dim", OptimizerOptionKind.PositiveInteger, d.MaxPreconditionDimension, "sides of a weight larger than this are not rotated"),
                OptimizerOption.Number("weight-decay", OptimizerOptionKind.NonNegativeNumber, d.WeightDecay, "decoupled weight decay (reference 0.01)"),
            ],
            s => new Soap(new SoapOptions
            {
                LearningRate = s.Number("lr"),
                Beta1 = s.Number("beta1"),
                Beta2 = s.Number("beta2"),
                ShampooBeta = s.Number("shampoo-beta"),
                Epsilon = s.Number("eps"),
                PreconditionFrequency = s.Integer("frequency"),
                MaxPreconditionDimension = s.Integer("max-dim"),
                WeightDecay = s.Number("weight-decay"),
            }));
    }
}
