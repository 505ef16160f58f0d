using Pinn.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace VerifyingYourSolver;

/// <summary>
/// A small optimizer of your own: gradient descent scaled by a running RMS of the gradient (RMSProp, T. Tieleman and
/// G. Hinton, COURSERA lecture 6.5, 2012): v ← ρv + (1 − ρ)g², θ ← θ − α g / (√v + ε). Every coordinate is treated alike,
/// so it promises invariance under a reordering of the parameters; its state (v) is saved for checkpoints.
/// </summary>
public sealed class RmsScaledDescent(double rate = 0.01, double decay = 0.9, double epsilon = 1e-8) : IOptimizer, ICheckpointable
{
    private Tensor? _meanSquare;

    /// <inheritdoc />
    public string Name => "rms-descent";

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        var (loss, gradient) = objective.ValueAndGradient(theta);
        using (gradient)
        {
            if (!double.IsFinite(loss)) return new StepResult(loss, 1, Stop: StopReason.NonFinite, Message: "non-finite loss");
            _meanSquare ??= zeros_like(gradient).DetachFromDisposeScope();
            _meanSquare.mul_(decay).addcmul_(gradient, gradient, value: 1 - decay);
            using var scale = _meanSquare.sqrt().add_(epsilon);
            theta.addcdiv_(gradient, scale, value: -rate);
        }
        return new StepResult(loss, 1);
    }

    /// <inheritdoc />
    public OptimizerState SaveState()
    {
        var state = new OptimizerState(Name);
        if (_meanSquare is not null) state.Set("mean_square", _meanSquare);
        return state;
    }

    /// <inheritdoc />
    public void LoadState(OptimizerState state)
    {
        state.ExpectOptimizer(Name);
        _meanSquare?.Dispose();
        _meanSquare = state.TensorOrNull("mean_square")?.DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => _meanSquare?.Dispose();
}
