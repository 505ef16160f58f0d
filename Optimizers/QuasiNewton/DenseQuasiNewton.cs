using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Dense quasi-Newton methods with a strong Wolfe line search for up to ~10⁴ parameters: BFGS (<c>bfgs</c>),
/// self-scaled BFGS (<c>ssbfgs</c>) and self-scaled Broyden (<c>ssbroyden</c>), which keep the full P×P inverse
/// Hessian approximation H. One <see cref="QuasiNewtonOptimizer.Step"/> is one iteration: d = −Hg, a line search along d, the update of H.
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
/// search along −Hg fails (the next step goes along −g), on <see cref="QuasiNewtonOptimizer.Reset"/> and <see cref="QuasiNewtonOptimizer.Stabilize"/>, and when θ
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
}
