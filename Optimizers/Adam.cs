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
/// One <see cref="Step"/> costs one gradient evaluation. When the loss or the gradient is not finite
/// the step leaves θ and the moments unchanged and reports <see cref="StopReason.NonFinite"/>.
/// </remarks>
public sealed class Adam : IOptimizer
{
    private Tensor? _firstMoment;
    private Tensor? _secondMoment;
    private long _stepCount;
    private bool _disposed;

    /// <summary>The command-line entry: <c>adam[:STEPS][:lr=..][:beta1=..][:beta2=..][:eps=..]</c>.</summary>
    public static OptimizerDescriptor Descriptor { get; } = CreateDescriptor();

    /// <summary>Creates Adam with the given (or default) options.</summary>
    public Adam(AdamOptions? options = null)
    {
        Options = options ?? new AdamOptions();
        Options.Validate();
    }

    /// <inheritdoc />
    public string Name => "adam";

    /// <summary>The hyper-parameters.</summary>
    public AdamOptions Options { get; }

    /// <summary>Number of updates applied so far (t in the paper).</summary>
    public long StepCount => _stepCount;

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ParameterVector.Validate(objective, theta);
        EnsureState(theta);
        using var scope = torch.NewDisposeScope();

        var (loss, gradient) = ParameterVector.ValueAndGradient(objective, theta);
        var gradientNorm = ParameterVector.Norm(gradient);
        if (!double.IsFinite(loss) || !double.IsFinite(gradientNorm))
        {
            return new StepResult(loss, 1, gradientNorm, StopReason.NonFinite,
                $"non-finite {(double.IsFinite(loss) ? "gradient" : "loss")} at step {_stepCount + 1}; θ left unchanged");
        }

        _stepCount++;
        var o = Options;
        using (torch.no_grad())
        {
            _firstMoment!.mul_(o.Beta1).add_(gradient, 1 - o.Beta1);
            _secondMoment!.mul_(o.Beta2).addcmul_(gradient, gradient, 1 - o.Beta2);
            var firstCorrection = 1 - Math.Pow(o.Beta1, _stepCount);
            var secondCorrection = 1 - Math.Pow(o.Beta2, _stepCount);
            var denominator = _secondMoment.sqrt().div_(Math.Sqrt(secondCorrection)).add_(o.Epsilon);
            theta.addcdiv_(_firstMoment, denominator, -o.LearningRate / firstCorrection);
        }
        return new StepResult(loss, 1, gradientNorm);
    }

    /// <summary>Forgets the moment estimates and the step count (the next step is step 1 again).</summary>
    public void Reset()
    {
        _firstMoment?.Dispose();
        _secondMoment?.Dispose();
        _firstMoment = null;
        _secondMoment = null;
        _stepCount = 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        Reset();
        _disposed = true;
    }

    private void EnsureState(Tensor theta)
    {
        if (_firstMoment is null)
        {
            _firstMoment = torch.zeros_like(theta).DetachFromDisposeScope();
            _secondMoment = torch.zeros_like(theta).DetachFromDisposeScope();
            return;
        }
        ParameterVector.ValidateState(_firstMoment, theta);
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
