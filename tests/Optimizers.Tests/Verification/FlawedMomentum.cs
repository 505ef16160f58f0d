using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Verification;

/// <summary>The flaws <see cref="FlawedMomentum"/> can be built with, each breaking one invariant.</summary>
internal enum Flaw
{
    None,
    /// <summary>Steps up the gradient.</summary>
    Ascent,
    /// <summary>Scales coordinate i's step by 1 + i/P (reads the parameters' order).</summary>
    IndexScaled,
    /// <summary>Leaves the velocity out of its saved state.</summary>
    ForgetsVelocity,
    /// <summary>Keeps every gradient it sees.</summary>
    KeepsGradients,
}

/// <summary>Heavy-ball gradient descent v ← βv + ∇f, θ ← θ − αv, with one flaw switched on or none.</summary>
internal sealed class FlawedMomentum(Flaw flaw, double rate = 0.05, double beta = 0.5) : IOptimizer, ICheckpointable
{
    private Tensor? _velocity;
    private readonly List<Tensor> _kept = [];

    public string Name => $"momentum({flaw})";

    public StepResult Step(IObjective objective, Tensor theta)
    {
        var (loss, gradient) = objective.ValueAndGradient(theta);
        using (gradient)
        {
            if (_velocity is null) _velocity = gradient.clone().DetachFromDisposeScope();
            else _velocity.mul_(beta).add_(gradient);
            if (flaw == Flaw.KeepsGradients) _kept.Add(gradient.clone().DetachFromDisposeScope());
            using var step = flaw == Flaw.IndexScaled
                ? _velocity * (1 + torch.arange(theta.shape[0], dtype: ScalarType.Float64) / theta.shape[0])
                : _velocity.clone();
            theta.add_(step, flaw == Flaw.Ascent ? rate : -rate);
        }
        return new StepResult(loss, 1);
    }

    public OptimizerState SaveState()
    {
        var state = new OptimizerState(Name);
        if (_velocity is not null && flaw != Flaw.ForgetsVelocity) state.Set("velocity", _velocity);
        return state;
    }

    public void LoadState(OptimizerState state)
    {
        state.ExpectOptimizer(Name);
        _velocity?.Dispose();
        _velocity = state.TensorOrNull("velocity")?.DetachFromDisposeScope();
    }

    public void Dispose()
    {
        _velocity?.Dispose();
        foreach (var t in _kept) t.Dispose();
    }
}
