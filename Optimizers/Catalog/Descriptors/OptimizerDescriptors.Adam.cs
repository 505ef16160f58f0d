namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>adam[:STEPS][:lr=..][:beta1=..][:beta2=..][:eps=..]</c>.</summary>
    public static OptimizerDescriptor Adam { get; } = CreateAdam();

    private static OptimizerDescriptor CreateAdam()
    {
        var d = new AdamOptions();
        return new OptimizerDescriptor(
            "adam",
            "Adam, bias-corrected adaptive moments (Kingma & Ba 2015)",
            [
                OptimizerOption.Number("lr", OptimizerOptionKind.PositiveNumber, d.LearningRate, "learning rate (step size)"),
                OptimizerOption.Number("beta1", OptimizerOptionKind.Fraction, d.Beta1, "decay rate of the first-moment (mean) estimate"),
                OptimizerOption.Number("beta2", OptimizerOptionKind.Fraction, d.Beta2, "decay rate of the second-moment (uncentred variance) estimate"),
                OptimizerOption.Number("eps", OptimizerOptionKind.PositiveNumber, d.Epsilon, "added to the root of the second moment for stability"),
            ],
            s => new Adam(new AdamOptions
            {
                LearningRate = s.Number("lr"),
                Beta1 = s.Number("beta1"),
                Beta2 = s.Number("beta2"),
                Epsilon = s.Number("eps"),
            }));
    }
}
