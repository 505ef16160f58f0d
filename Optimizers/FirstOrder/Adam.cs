using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Adam on the flat parameter vector: bias-corrected first and second moment estimates of the
/// gradient, θ ← θ − α m̂ / (√v̂ + ε).
/// </summary>
/// <remarks>
/// D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1:
/// mₜ = β₁ mₜ₋₁ + (1 − β₁) gₜ, vₜ = β₂ vₜ₋₁ + (1 − β₂) gₜ², m̂ₜ = mₜ / (1 − β₁ᵗ), v̂ₜ = vₜ / (1 − β₂ᵗ).
/// One <see cref="FirstOrderOptimizer.Step"/> costs one gradient evaluation. When the loss or the gradient is not finite
/// the step leaves θ and the moments unchanged and reports <see cref="StopReason.NonFinite"/>. The
/// checkpoint state is the step count and both moments.
/// </remarks>
public sealed class Adam : FirstOrderOptimizer
{
    private MomentEstimates? _moments;

    /// <summary>The command-line entry: <c>adam[:STEPS][:lr=..][:beta1=..][:beta2=..][:eps=..]</c>.</summary>
    public static OptimizerDescriptor Descriptor { get; } = CreateDescriptor();

    /// <summary>Creates Adam with the given (or default) options.</summary>
    public Adam(AdamOptions? options = null)
        : base("adam")
    {
        Options = options ?? new AdamOptions();
        Options.Validate();
    }

    /// <summary>The hyper-parameters.</summary>
    public AdamOptions Options { get; }

    /// <inheritdoc />
    protected override void EnsureState(IObjective objective, Tensor theta)
    {
        if (_moments is null) _moments = MomentEstimates.Zeros(theta);
        else _moments.Check(theta);
    }

    /// <inheritdoc />
    protected override void Update(Tensor theta, Tensor gradient, long step)
    {
        var o = Options;
        _moments!.Accumulate(gradient, o.Beta1, o.Beta2);
        MomentEstimates.ApplyAdamStep(theta, _moments.First, _moments.Second, step, o.LearningRate, o.Beta1, o.Beta2, o.Epsilon);
    }

    /// <inheritdoc />
    protected override void SaveTensors(OptimizerState state) => _moments?.Save(state);

    /// <inheritdoc />
    protected override void LoadTensors(OptimizerState state) => _moments = MomentEstimates.Load(state);

    /// <inheritdoc />
    protected override void ReleaseState()
    {
        _moments?.Dispose();
        _moments = null;
    }

    private static OptimizerDescriptor CreateDescriptor()
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
