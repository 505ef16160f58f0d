using System.Globalization;

namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>adahessian[:STEPS][:lr=..][:beta1=..][:beta2=..][:eps=..][:power=..][:block=..][:samples=..]</c>.</summary>
    public static OptimizerDescriptor AdaHessian { get; } = CreateAdaHessian();

    private static OptimizerDescriptor CreateAdaHessian()
    {
        var d = new AdaHessianOptions();
        string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
        return new OptimizerDescriptor(
            "adahessian",
            "AdaHessian: Adam on the Hutchinson estimate of the Hessian diagonal (Yao et al. 2021)",
            [
                OptimizerOption.Number("lr", OptimizerOptionKind.PositiveNumber, d.LearningRate, "learning rate (step size)"),
                OptimizerOption.Number("beta1", OptimizerOptionKind.Fraction, d.Beta1, "decay rate of the gradient moment"),
                OptimizerOption.Number("beta2", OptimizerOptionKind.Fraction, d.Beta2, "decay rate of the second moment of the Hessian diagonal"),
                OptimizerOption.Number("eps", OptimizerOptionKind.PositiveNumber, d.Epsilon, "added to the denominator for stability"),
                OptimizerOption.Number("power", OptimizerOptionKind.PositiveNumber, d.HessianPower, "Hessian power k in (0, 1]"),
                new OptimizerOption("block", OptimizerOptionKind.PositiveInteger, Text(d.BlockSize), "spatial averaging block size (1: none)"),
                new OptimizerOption("samples", OptimizerOptionKind.PositiveInteger, Text(d.Samples), "Hutchinson probes per step"),
            ],
            o => new AdaHessian(new AdaHessianOptions
            {
                LearningRate = o.Number("lr"),
                Beta1 = o.Number("beta1"),
                Beta2 = o.Number("beta2"),
                Epsilon = o.Number("eps"),
                HessianPower = o.Number("power"),
                BlockSize = o.Integer("block"),
                Samples = o.Integer("samples"),
            }),
            Needs: ObjectiveNeeds.HessianProducts);
    }
}
