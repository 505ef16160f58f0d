namespace Pinn.Optimizers;

/// <summary>Hyper-parameters of <see cref="Muon"/>.</summary>
public sealed record MuonOptions
{
    /// <summary>
    /// Step size α, shared by the orthogonalised matrix updates and the Adam updates (the default
    /// <see cref="MuonScaling.MatchAdam"/> scaling makes one rate fit both). Key <c>lr</c>.
    /// </summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Momentum μ of the matrix updates (Jordan et al.: 0.95). Key <c>momentum</c>.</summary>
    public double Momentum { get; init; } = 0.95;

    /// <summary>Nesterov momentum (the reference's default). Key <c>nesterov</c>.</summary>
    public bool Nesterov { get; init; } = true;

    /// <summary>Newton–Schulz iterations (the reference uses 5). Key <c>ns-steps</c>.</summary>
    public int NewtonSchulzSteps { get; init; } = 5;

    /// <summary>How the orthogonalised update is scaled. Key <c>scaling</c> (<c>adam</c> or <c>shape</c>).</summary>
    public MuonScaling Scaling { get; init; } = MuonScaling.MatchAdam;

    /// <summary>
    /// Orthogonalise only hidden-to-hidden weights (every matrix but the first and the last; those and
    /// all vectors get Adam), as Jordan et al. do; false applies Muon to every matrix. Key <c>hidden-only</c>.
    /// </summary>
    public bool HiddenOnly { get; init; } = true;

    /// <summary>Adam's β₁ for the parameters Muon does not handle. Key <c>beta1</c>.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's β₂ for the parameters Muon does not handle. Key <c>beta2</c>.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam's ε. Key <c>eps</c>.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        Check.Positive(LearningRate, nameof(LearningRate));
        Check.Fraction(Momentum, nameof(Momentum));
        Check.Positive(NewtonSchulzSteps, nameof(NewtonSchulzSteps));
        Check.Fraction(Beta1, nameof(Beta1));
        Check.Fraction(Beta2, nameof(Beta2));
        Check.Positive(Epsilon, nameof(Epsilon));
        if (!Enum.IsDefined(Scaling)) throw new ArgumentOutOfRangeException(nameof(Scaling), Scaling, "unknown scaling.");
    }
}
