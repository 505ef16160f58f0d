using System.Globalization;

namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>kfac[:STEPS][:damping=..][:ema=..][:momentum=..][:identity=..][:auto=..][:grid=..]</c>.</summary>
    public static OptimizerDescriptor Kfac { get; } = CreateKfac();

    private static OptimizerDescriptor CreateKfac()
    {
        var d = new KfacOptions();
        return new OptimizerDescriptor(
            "kfac",
            "K-FAC for PINNs: per-layer Kronecker-factored Gauss–Newton, momentum, 2^-k grid line search (Dangel, Müller & Zeinhofer, NeurIPS 2024)",
            [
                OptimizerOption.Number("damping", OptimizerOptionKind.NonNegativeNumber, d.Damping, "λ ≥ 0 added to every Kronecker factor; raised ×10 after a failed step"),
                OptimizerOption.Number("ema", OptimizerOptionKind.Fraction, d.MovingAverage, "β of the factors' moving average F ← βF + (1−β)F_new"),
                OptimizerOption.Number("momentum", OptimizerOptionKind.Fraction, d.Momentum, "μ of the momentum m ← μm + d searched along; 0 = off"),
                new OptimizerOption("identity", OptimizerOptionKind.Boolean, d.InitializeToIdentity ? "true" : "false", "start the factor averages from the identity (else from the first factors)"),
                new OptimizerOption("auto", OptimizerOptionKind.Boolean, d.Auto ? "true" : "false", "KFAC*: step and momentum from the exact Gauss–Newton model (needs the residual Jacobian), no line search"),
                new OptimizerOption("grid", OptimizerOptionKind.PositiveInteger, d.GridExponents.ToString(CultureInfo.InvariantCulture), "K of the line-search grid η = 2^-k, k = 0..K"),
            ],
            s => new Kfac(new KfacOptions
            {
                Damping = s.Number("damping"),
                MovingAverage = s.Number("ema"),
                Momentum = s.Number("momentum"),
                InitializeToIdentity = s.Flag("identity"),
                GridExponents = s.Integer("grid"),
                Auto = s.Flag("auto"),
            }),
            Needs: ObjectiveNeeds.KroneckerFactors);
    }
}
