namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>shampoo[:STEPS][:lr=..][:beta1=..][:beta2=..][:eps=..][:shampoo-beta=..][:sum=..][:root-eps=..][:frequency=..][:max-dim=..]</c>.</summary>
    public static OptimizerDescriptor Shampoo { get; } = CreateShampoo();

    private static OptimizerDescriptor CreateShampoo()
    {
        var d = new ShampooOptions();
        return new OptimizerDescriptor(
            "shampoo",
            "Shampoo, Kronecker-factored L^-1/4 G R^-1/4 (Gupta et al. 2018) with layer-wise Adam grafting (Anil et al. 2020)",
            [
                OptimizerOption.Number("lr", OptimizerOptionKind.PositiveNumber, d.LearningRate, "learning rate (the grafted step has Adam's length)"),
                OptimizerOption.Number("beta1", OptimizerOptionKind.Fraction, d.Beta1, "decay rate of the first moment"),
                OptimizerOption.Number("beta2", OptimizerOptionKind.Fraction, d.Beta2, "decay rate of Adam's second moment (grafting, vectors)"),
                OptimizerOption.Number("eps", OptimizerOptionKind.PositiveNumber, d.Epsilon, "Adam's epsilon"),
                OptimizerOption.Number("shampoo-beta", OptimizerOptionKind.Fraction, d.ShampooBeta, "decay rate of the factors L, R"),
                new OptimizerOption("sum", OptimizerOptionKind.Boolean, d.Sum ? "true" : "false", "sum the factors (Gupta et al. 2018) instead of averaging"),
                OptimizerOption.Number("root-eps", OptimizerOptionKind.PositiveNumber, d.RootEpsilon, "ridge of the inverse roots, relative to the largest eigenvalue"),
                OptimizerOption.Number("frequency", OptimizerOptionKind.PositiveInteger, d.PreconditionFrequency, "recompute the inverse roots every this many steps"),
                OptimizerOption.Number("max-dim", OptimizerOptionKind.PositiveInteger, d.MaxPreconditionDimension, "sides of a weight larger than this are not preconditioned"),
            ],
            s => new Shampoo(new ShampooOptions
            {
                LearningRate = s.Number("lr"),
                Beta1 = s.Number("beta1"),
                Beta2 = s.Number("beta2"),
                Epsilon = s.Number("eps"),
                ShampooBeta = s.Number("shampoo-beta"),
                Sum = s.Flag("sum"),
                RootEpsilon = s.Number("root-eps"),
                PreconditionFrequency = s.Integer("frequency"),
                MaxPreconditionDimension = s.Integer("max-dim"),
            }));
    }
}
