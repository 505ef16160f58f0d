using System.Globalization;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Dense quasi-Newton methods with a strong Wolfe line search for up to ~10⁴ parameters: BFGS (<c>bfgs</c>),
/// self-scaled BFGS (<c>ssbfgs</c>) and self-scaled Broyden (<c>ssbroyden</c>), which keep the full P×P inverse
/// Hessian approximation H. One <see cref="Step"/> is one iteration: d = −Hg, a line search along d, the update of H.
/// </summary>
/// <remarks>
/// The iteration is <see cref="LineSearchQuasiNewton"/> (Nocedal &amp; Wright 2006, Algorithm 6.1 with the strong Wolfe
/// search of Algorithms 3.5/3.6, c₁ = 10⁻⁴, c₂ = 0.9, first trial α = 1); the update is the self-scaled Broyden class of
/// M. Al-Baali (J. Optim. Theory Appl. 96, 1998) with τ and φ as chosen by J. F. Urbán, P. Stefanou and J. A. Pons
/// (J. Comput. Phys. 2025, 113656) and used by E. Kiyani et al. (Comput. Methods Appl. Mech. Engrg. 446, 2025, 118308)
/// and by the vRBA code of J. D. Toscano et al. (2025): see <see cref="SelfScaling"/> and <see cref="DenseInverseHessian"/>.
/// These papers report that the self-scaled updates, float64 and a dense H reach PINN losses several decades below
/// BFGS and L-BFGS with 3×20–3×30 tanh networks (1–3k parameters).
/// <para>
/// Restart rule (what is kept or reset): a pair with sᵀy ≤ ε‖y‖² is skipped (H kept); H is reset to I when yᵀHy or
/// sᵀBs is not positive (H no longer positive definite in float64), when −Hg is not a descent direction, when the line
/// search along −Hg fails (the next step goes along −g), on <see cref="Reset"/> and <see cref="Stabilize"/>, and when θ
/// or the objective object changes between calls. When only the objective's <see cref="IObjective.Revision"/> changes at
/// the same θ (points redrawn, weights updated), f and g are recomputed on the new objective and H is kept
/// (<see cref="DenseQuasiNewtonOptions.KeepOnRevision"/>), as Urbán et al. and Toscano et al. do when they redraw their
/// batch; the stall counts and any stop are forgotten then.
/// </para>
/// <para>Stops as <see cref="Lbfgs"/> does (gtol on ‖g‖∞, ftol stall test, a step below float64 resolution, a failed
/// line search along −g); after a stop, further calls return the same result without changing θ.</para>
/// </remarks>
public sealed class DenseQuasiNewton : QuasiNewtonOptimizer
{
    private readonly DenseInverseHessian _inverse;

    /// <summary>Creates the optimizer with the given (or default: self-scaled Broyden) options.</summary>
    public DenseQuasiNewton(DenseQuasiNewtonOptions? options = null)
        : this(Parts(options ?? new DenseQuasiNewtonOptions()))
    {
    }

    private DenseQuasiNewton((DenseQuasiNewtonOptions Options, DenseInverseHessian Inverse) parts)
        : base(parts.Inverse, "inverse_hessian",
               new QuasiNewtonStopRule(parts.Options.GradientTolerance, parts.Options.FunctionTolerance, parts.Options.StallIterations),
               parts.Options.MaxEvaluationsPerStep, parts.Options.KeepOnRevision)
    {
        Options = parts.Options;
        _inverse = parts.Inverse;
    }

    /// <summary>The command-line entry <c>bfgs</c>.</summary>
    public static OptimizerDescriptor BfgsDescriptor { get; } = CreateDescriptor(DenseQuasiNewtonUpdate.Bfgs,
        "dense BFGS (inverse Hessian, Nocedal & Wright eq. 6.17) with a strong Wolfe line search; P ≤ ~10⁴");

    /// <summary>The command-line entry <c>ssbfgs</c>.</summary>
    public static OptimizerDescriptor SelfScaledBfgsDescriptor { get; } = CreateDescriptor(DenseQuasiNewtonUpdate.SelfScaledBfgs,
        "self-scaled dense BFGS, τ = min(1, sᵀy/sᵀBs) (Al-Baali 1998; Urbán et al. 2025), strong Wolfe; P ≤ ~10⁴");

    /// <summary>The command-line entry <c>ssbroyden</c>.</summary>
    public static OptimizerDescriptor SelfScaledBroydenDescriptor { get; } = CreateDescriptor(DenseQuasiNewtonUpdate.SelfScaledBroyden,
        "self-scaled dense Broyden class, τ and φ per step (Al-Baali 1998; Urbán et al. 2025; Kiyani et al. 2025), strong Wolfe; P ≤ ~10⁴");

    /// <summary>The command-line name of an update rule.</summary>
    public static string NameOf(DenseQuasiNewtonUpdate update) => update switch
    {
        DenseQuasiNewtonUpdate.Bfgs => "bfgs",
        DenseQuasiNewtonUpdate.SelfScaledBfgs => "ssbfgs",
        _ => "ssbroyden",
    };

    /// <inheritdoc />
    public override string Name => NameOf(Options.Update);

    /// <summary>The parameters.</summary>
    public DenseQuasiNewtonOptions Options { get; }

    /// <summary>Updates of H since it was last reset to I.</summary>
    public long Updates => _inverse.Updates;

    /// <summary>A copy of the inverse Hessian approximation H [P, P] (the identity before the first update).</summary>
    public Tensor InverseHessian(long parameterCount) => _inverse.Matrix(parameterCount);

    /// <inheritdoc />
    protected override void CheckObjective(IObjective objective)
    {
        if (objective.ParameterCount <= Options.MaxParameters) return;
        throw new ArgumentException(
            $"{Name} keeps a dense {objective.ParameterCount}×{objective.ParameterCount} inverse Hessian " +
            $"({8.0 * objective.ParameterCount * objective.ParameterCount / 1e9:G3} GB) but max-params = {Options.MaxParameters}; " +
            "use lbfgs for this network, or raise max-params.", nameof(objective));
    }

    private static (DenseQuasiNewtonOptions, DenseInverseHessian) Parts(DenseQuasiNewtonOptions options)
    {
        options.Validate();
        return (options, new DenseInverseHessian(options.Update, options.InitialScale));
    }

    private static OptimizerDescriptor CreateDescriptor(DenseQuasiNewtonUpdate update, string description)
    {
        var d = new DenseQuasiNewtonOptions { Update = update };
        return new OptimizerDescriptor(
            NameOf(update),
            description,
            [
                OptimizerOption.Number("gtol", OptimizerOptionKind.PositiveNumber, d.GradientTolerance, "stop when the largest absolute gradient entry is at most this"),
                OptimizerOption.Number("ftol", OptimizerOptionKind.PositiveNumber, d.FunctionTolerance, "relative loss change regarded as none (stall test)"),
                new OptimizerOption("max-evals", OptimizerOptionKind.PositiveInteger, d.MaxEvaluationsPerStep.ToString(CultureInfo.InvariantCulture), "line-search evaluations allowed per iteration"),
                new OptimizerOption("initial-scale", OptimizerOptionKind.Boolean, d.InitialScale ? "true" : "false", "scale H = I by the rule's τ before its first update (N&W eq. 6.20)"),
                new OptimizerOption("keep", OptimizerOptionKind.Boolean, d.KeepOnRevision ? "true" : "false", "keep H when the points are redrawn at the same θ (false: reset it to I)"),
                new OptimizerOption("max-params", OptimizerOptionKind.PositiveInteger, d.MaxParameters.ToString(CultureInfo.InvariantCulture), "refuse networks with more parameters (H takes 8P² bytes)"),
            ],
            s => new DenseQuasiNewton(d with
            {
                GradientTolerance = s.Number("gtol"),
                FunctionTolerance = s.Number("ftol"),
                MaxEvaluationsPerStep = s.Integer("max-evals"),
                InitialScale = s.Flag("initial-scale"),
                KeepOnRevision = s.Flag("keep"),
                MaxParameters = s.Integer("max-params"),
            }));
    }
}
