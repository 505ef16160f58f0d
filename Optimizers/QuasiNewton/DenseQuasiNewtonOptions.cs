namespace Pinn.Optimizers;

/// <summary>Parameters of <see cref="DenseQuasiNewton"/> (<c>bfgs</c>, <c>ssbfgs</c>, <c>ssbroyden</c>). The tolerances are float64 ones.</summary>
public sealed record DenseQuasiNewtonOptions
{
    /// <summary>The member of the self-scaled Broyden class that updates the inverse Hessian.</summary>
    public DenseQuasiNewtonUpdate Update { get; init; } = DenseQuasiNewtonUpdate.SelfScaledBroyden;

    /// <summary>Stop when the largest absolute gradient entry ‖g‖∞ is at most this. Key <c>gtol</c>.</summary>
    public double GradientTolerance { get; init; } = 1e-11;

    /// <summary>
    /// Relative loss change regarded as none: <see cref="StallIterations"/> iterations in a row that lower the loss by at
    /// most this (relative) and bring no new lowest ‖g‖∞ stop with <see cref="StopReason.FunctionTolerance"/>. Key <c>ftol</c>.
    /// </summary>
    public double FunctionTolerance { get; init; } = 1e-16;

    /// <summary>Consecutive stalled iterations (see <see cref="FunctionTolerance"/>) before stopping.</summary>
    public int StallIterations { get; init; } = 20;

    /// <summary>Line-search evaluations allowed per iteration (one more is spent at a (re)start). Key <c>max-evals</c>.</summary>
    public int MaxEvaluationsPerStep { get; init; } = 25;

    /// <summary>
    /// Scale H = I before the first update (after every reset) by the rule's initial τ, which for BFGS and SSBFGS makes it
    /// (sᵀy/yᵀy)I (Nocedal &amp; Wright eq. 6.20) and for SSBroyden τ = h/(1 + aθ), as in the vRBA code of Toscano et al. Key <c>initial-scale</c>.
    /// </summary>
    public bool InitialScale { get; init; } = true;

    /// <summary>
    /// Keep the inverse Hessian when the objective's <see cref="IObjective.Revision"/> changes at the same θ (resampled
    /// collocation points, new causal weights), as the reference codes do when they redraw their batch; f and g are
    /// always recomputed. False: reset H to I then. Key <c>keep</c>.
    /// </summary>
    public bool KeepOnRevision { get; init; } = true;

    /// <summary>
    /// The most parameters accepted: H takes 8P² bytes (0.8 GB at P = 10⁴). A larger problem is refused with a message
    /// pointing to <c>lbfgs</c>. Key <c>max-params</c>.
    /// </summary>
    public int MaxParameters { get; init; } = 20_000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Update)) throw new ArgumentOutOfRangeException(nameof(Update), Update, "unknown update rule.");
        Check.Positive(GradientTolerance, nameof(GradientTolerance));
        Check.Positive(FunctionTolerance, nameof(FunctionTolerance));
        Check.Positive(StallIterations, nameof(StallIterations));
        Check.Positive(MaxEvaluationsPerStep, nameof(MaxEvaluationsPerStep));
        Check.Positive(MaxParameters, nameof(MaxParameters));
    }
}
