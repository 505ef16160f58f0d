namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>sgd[:STEPS][:lr=..][:momentum=..][:nesterov=true|false]</c>.</summary>
    public static OptimizerDescriptor Sgd { get; } = CreateSgd();

    private static OptimizerDescriptor CreateSgd()
    {
        var d = new SgdOptions();
        return new OptimizerDescriptor(
            "sgd",
            "gradient descent with heavy-ball or Nesterov momentum (Polyak 1964, Nesterov 1983)",
            [
                OptimizerOption.Number("lr", OptimizerOptionKind.PositiveNumber, d.LearningRate, "learning rate (step size)"),
                OptimizerOption.Number("momentum", OptimizerOptionKind.Fraction, d.Momentum, "momentum coefficient; 0 gives plain gradient descent"),
                new OptimizerOption("nesterov", OptimizerOptionKind.Boolean, d.Nesterov ? "true" : "false", "use Nesterov's look-ahead momentum"),
            ],
            s => new Sgd(new SgdOptions
            {
                LearningRate = s.Number("lr"),
                Momentum = s.Number("momentum"),
                Nesterov = s.Flag("nesterov"),
            }));
    }
}
