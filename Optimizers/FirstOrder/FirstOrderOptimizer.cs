using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The common skeleton of the one-gradient-per-step optimizers (<see cref="Adam"/>, <see cref="Sgd"/>,
/// <see cref="Soap"/>, <see cref="Shampoo"/>, <see cref="Muon"/>): validate θ, build or check the state,
/// evaluate the loss and gradient once, refuse a non-finite one, count the step and apply the update
/// rule; plus saving and restoring the state for checkpoints. A subclass supplies only its update rule
/// and its state.
/// </summary>
/// <remarks>
/// In the terms of Optax's <c>init</c>/<c>update</c> pair: <see cref="EnsureState"/> is <c>init</c>,
/// <see cref="Update"/> is <c>update</c> applied to θ. When the loss or the gradient is not finite the
/// step leaves θ, the state and <see cref="StepCount"/> unchanged and reports
/// <see cref="StopReason.NonFinite"/>. The saved state is the step counter (key <c>step</c>) and what
/// <see cref="SaveTensors"/> adds; it is restored on the CPU.
/// </remarks>
public abstract class FirstOrderOptimizer : IOptimizer, ICheckpointable, IStabilizable
{
    private bool _disposed;
    private double _stepScale = 1;

    /// <summary>Creates the skeleton for the optimizer named <paramref name="name"/>.</summary>
    protected FirstOrderOptimizer(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Number of updates applied so far (t in the papers; the first step is step 1).</summary>
    public long StepCount { get; private set; }

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThetaChecks.Validate(objective, theta);
        EnsureState(objective, theta);
        using var scope = torch.NewDisposeScope();

        var (loss, gradient) = ThetaChecks.ValueAndGradient(objective, theta);
        var gradientNorm = VectorMath.Norm(gradient);
        if (StepGuard.NonFinite(loss, gradientNorm, StepCount + 1) is { } nonFinite)
        {
            return nonFinite;
        }

        StepCount++;
        using (torch.no_grad())
        {
            if (_stepScale == 1)
            {
                Update(theta, gradient, StepCount);
            }
            else
            {
                var before = theta.clone();
                Update(theta, gradient, StepCount);
                theta.sub_(before).mul_(_stepScale).add_(before);   // the update shortened after a divergence
            }
        }
        return new StepResult(loss, 1, gradientNorm);
    }

    /// <summary>Factor applied to every update (1 unless <see cref="Stabilize"/> halved it).</summary>
    public double StepScale => _stepScale;

    /// <inheritdoc />
    /// <remarks>Halves every later update (equivalently the learning rate, for these methods' linear dependence on it).</remarks>
    public string Stabilize()
    {
        _stepScale /= 2;
        return $"{Name} updates scaled by {_stepScale:G3} (learning rate halved)";
    }

    /// <summary>Forgets the state and the step count (the next step is step 1 again).</summary>
    public void Reset()
    {
        ReleaseState();
        StepCount = 0;
    }

    /// <inheritdoc />
    public OptimizerState SaveState()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var state = new OptimizerState(Name).Set("step", StepCount).Set("step_scale", _stepScale);
        SaveTensors(state);
        return state;
    }

    /// <inheritdoc />
    public void LoadState(OptimizerState state)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        OptimizerState.Expect(state, Name);
        var step = state.Integer("step");
        Reset();
        LoadTensors(state);
        StepCount = step;
        _stepScale = state.Has("step_scale") ? state.Number("step_scale") : 1;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        ReleaseState();
        _disposed = true;
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Creates the state for θ (zeros, detached from dispose scopes) when there is none, or checks that
    /// the existing state fits θ and the objective; throws <see cref="ArgumentException"/> when it does not.
    /// </summary>
    protected abstract void EnsureState(IObjective objective, Tensor theta);

    /// <summary>Applies update number <paramref name="step"/> to θ in place (runs under no_grad, inside the step's dispose scope).</summary>
    protected abstract void Update(Tensor theta, Tensor gradient, long step);

    /// <summary>Adds the state tensors to <paramref name="state"/> (nothing when there is no state yet).</summary>
    protected abstract void SaveTensors(OptimizerState state);

    /// <summary>Replaces the (released) state by the tensors in <paramref name="state"/>; none when it holds none.</summary>
    protected abstract void LoadTensors(OptimizerState state);

    /// <summary>Disposes the state tensors and forgets them.</summary>
    protected abstract void ReleaseState();

    /// <summary>A saved tensor as detached state, or null when the key is absent.</summary>
    protected static Tensor? LoadTensor(OptimizerState state, string key) =>
        state.TensorOrNull(key)?.DetachFromDisposeScope();

    /// <summary>Checks that a state tensor built for θ still matches θ's length and device.</summary>
    protected static void CheckState(Tensor state, Tensor theta) => ThetaChecks.ValidateState(state, theta);
}
