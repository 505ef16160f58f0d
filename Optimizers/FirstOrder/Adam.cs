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
}
