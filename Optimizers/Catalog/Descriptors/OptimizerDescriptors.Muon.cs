namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>muon[:STEPS][:lr=..][:momentum=..][:nesterov=..][:ns-steps=..][:scaling=adam|shape][:hidden-only=..][:beta1=..][:beta2=..][:eps=..]</c>.</summary>
    public static OptimizerDescriptor Muon { get; } = CreateMuon();

    private static OptimizerDescriptor CreateMuon()
    {
        var d = new MuonOptions();
        return new OptimizerDescriptor(
            "muon",
            "Muon, Nesterov momentum orthogonalised by Newton-Schulz on hidden weights, Adam elsewhere (Jordan et al. 2024; scaling of Liu et al. 2025)",
            [
                OptimizerOption.Number("lr", OptimizerOptionKind.PositiveNumber, d.LearningRate, "learning rate (shared by Muon and Adam parts)"),
                OptimizerOption.Number("momentum", OptimizerOptionKind.Fraction, d.Momentum, "momentum of the matrix updates"),
                new OptimizerOption("nesterov", OptimizerOptionKind.Boolean, d.Nesterov ? "true" : "false", "Nesterov momentum"),
                OptimizerOption.Number("ns-steps", OptimizerOptionKind.PositiveInteger, d.NewtonSchulzSteps, "Newton-Schulz iterations"),
                OptimizerOption.Choice("scaling", "adam", ["adam", "shape"], "adam: 0.2*sqrt(max(m,n)) (Liu et al.); shape: sqrt(max(1,m/n)) (Jordan et al.)"),
                new OptimizerOption("hidden-only", OptimizerOptionKind.Boolean, d.HiddenOnly ? "true" : "false", "Muon on hidden weights only; false: on every matrix"),
                OptimizerOption.Number("beta1", OptimizerOptionKind.Fraction, d.Beta1, "Adam's beta1 for the other parameters"),
                OptimizerOption.Number("beta2", OptimizerOptionKind.Fraction, d.Beta2, "Adam's beta2 for the other parameters"),
                OptimizerOption.Number("eps", OptimizerOptionKind.PositiveNumber, d.Epsilon, "Adam's epsilon"),
            ],
            s => new Muon(new MuonOptions
            {
                LearningRate = s.Number("lr"),
                Momentum = s.Number("momentum"),
                Nesterov = s.Flag("nesterov"),
                NewtonSchulzSteps = s.Integer("ns-steps"),
                Scaling = s.Choice("scaling") == "shape" ? MuonScaling.Shape : MuonScaling.MatchAdam,
                HiddenOnly = s.Flag("hidden-only"),
                Beta1 = s.Number("beta1"),
                Beta2 = s.Number("beta2"),
                Epsilon = s.Number("eps"),
            }));
    }
}
