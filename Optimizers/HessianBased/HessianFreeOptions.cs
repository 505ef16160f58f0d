namespace Pinn.Optimizers;

/// <summary>Hyper-parameters of <see cref="HessianFree"/> (defaults of Martens 2010, §4).</summary>
public sealed record HessianFreeOptions
{
    /// <summary>Initial Levenberg–Marquardt damping λ₀ &gt; 0 of (G + λI). Key <c>damping</c>.</summary>
    public double Damping { get; init; } = 1.0;

    /// <summary>Stop with <see cref="StopReason.LineSearchFailed"/> when a rejected step would raise λ above this.</summary>
    public double MaxDamping { get; init; } = 1e16;

    /// <summary>At most this many CG iterations per step. Key <c>cg-iters</c>; Martens: 250.</summary>
    public int CgIterations { get; init; } = 250;

    /// <summary>ε of Martens' relative-progress test (§4.4): stop CG at iteration i &gt; k = max(10, ⌈0.1 i⌉) when
    /// φᵢ &lt; 0 and (φᵢ − φᵢ₋ₖ)/φᵢ &lt; kε. Key <c>cg-progress</c>; Martens: 5e-4.</summary>
    public double ProgressTolerance { get; init; } = 5e-4;

    /// <summary>CG starts from ζ times the previous step's solution (§4.5). Key <c>decay</c>; Martens: 0.95.</summary>
    public double WarmStartDecay { get; init; } = 0.95;

    /// <summary>Keep the CG iterates of iterations ⌈1.3ʲ⌉ and step back from the last while the loss falls
    /// (CG-backtracking, §4.6). Key <c>backtrack</c>.</summary>
    public bool Backtracking { get; init; } = true;

    /// <summary>Which curvature: <c>auto</c> (Gauss–Newton for a residual objective, else the Hessian),
    /// <c>gauss-newton</c> or <c>hessian</c>. Key <c>curvature</c>.</summary>
    public string Curvature { get; init; } = "auto";

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.Positive(Damping, nameof(Damping));
        Check.Positive(MaxDamping, nameof(MaxDamping));
        Check.Positive(CgIterations, nameof(CgIterations));
        Check.Positive(ProgressTolerance, nameof(ProgressTolerance));
        Check.Fraction(WarmStartDecay, nameof(WarmStartDecay));
        if (Curvature is not ("auto" or "gauss-newton" or "hessian"))
        {
            throw new ArgumentOutOfRangeException(nameof(Curvature), Curvature, "Curvature must be auto, gauss-newton or hessian.");
        }
    }
}
