using System.Globalization;

namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>sophia[:STEPS][:lr=..][:beta1=..][:beta2=..][:gamma=..][:eps=..][:every=..]</c>.</summary>
    public static OptimizerDescriptor Sophia { get; } = CreateSophia();

    private static OptimizerDescriptor CreateSophia()
    {
        var d = new SophiaOptions();
        return new OptimizerDescriptor(
            "sophia",
            "Sophia-H: momentum over a clipped Hutchinson Hessian-diagonal preconditioner (Liu et al. 2023)",
            [
                OptimizerOption.Number("lr", OptimizerOptionKind.PositiveNumber, d.LearningRate, "learning rate (bound on each coordinate's step)"),
                OptimizerOption.Number("beta1", OptimizerOptionKind.Fraction, d.Beta1, "momentum decay"),
                OptimizerOption.Number("beta2", OptimizerOptionKind.Fraction, d.Beta2, "decay of the Hessian-diagonal moving average"),
                OptimizerOption.Number("gamma", OptimizerOptionKind.PositiveNumber, d.Gamma, "γ scaling the Hessian diagonal in the clipped ratio"),
                OptimizerOption.Number("eps", OptimizerOptionKind.PositiveNumber, d.Epsilon, "floor of the denominator max(γh, ε)"),
                new OptimizerOption("every", OptimizerOptionKind.PositiveInteger, d.HessianInterval.ToString(CultureInfo.InvariantCulture), "refresh the Hessian-diagonal estimate every this many steps"),
            ],
            o => new Sophia(new SophiaOptions
            {
                LearningRate = o.Number("lr"),
                Beta1 = o.Number("beta1"),
                Beta2 = o.Number("beta2"),
                Gamma = o.Number("gamma"),
                Epsilon = o.Number("eps"),
                HessianInterval = o.Integer("every"),
            }),
            Needs: ObjectiveNeeds.HessianProducts);
    }
}
