using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Gradient descent with momentum on the flat parameter vector: b ← μ b + g, then θ ← θ − η b
/// (heavy ball) or θ ← θ − η (g + μ b) (Nesterov).
/// </summary>
/// <remarks>
/// Heavy ball: B. T. Polyak, "Some methods of speeding up the convergence of iteration methods",
/// USSR Comput. Math. Math. Phys. 4(5), 1964. Look-ahead momentum: Y. Nesterov, "A method for solving
/// the convex programming problem with convergence rate O(1/k²)", Soviet Math. Dokl. 27, 1983, in the
/// gradient-at-current-point form of Sutskever, Martens, Dahl and Hinton, ICML 2013, eq. (3)-(4).
/// One <see cref="FirstOrderOptimizer.Step"/> costs one gradient evaluation. When the loss or the gradient is not finite
/// the step leaves θ and the momentum unchanged and reports <see cref="StopReason.NonFinite"/>. The
/// checkpoint state is the step count and the momentum buffer.
/// </remarks>
public sealed class Sgd : FirstOrderOptimizer
{
    private Tensor? _momentumBuffer;

    /// <summary>Creates the optimizer with the given (or default) options.</summary>
    public Sgd(SgdOptions? options = null)
        : base("sgd")
    {
        Options = options ?? new SgdOptions();
        Options.Validate();
    }

    /// <summary>The hyper-parameters.</summary>
    public SgdOptions Options { get; }

    /// <summary>
    /// b ← μ b + g in place, and the direction to subtract: b (heavy ball) or g + μ b (Nesterov, a fresh
    /// tensor). Shared with <see cref="Muon"/>, whose momentum is this one.
    /// </summary>
    internal static Tensor MomentumDirection(Tensor buffer, Tensor gradient, double momentum, bool nesterov)
    {
        buffer.mul_(momentum).add_(gradient);
        return nesterov ? gradient.add(buffer, momentum) : buffer;
    }

    /// <inheritdoc />
    protected override void EnsureState(IObjective objective, Tensor theta)
    {
        if (_momentumBuffer is null) _momentumBuffer = torch.zeros_like(theta).DetachFromDisposeScope();
        else CheckState(_momentumBuffer, theta);
    }

    /// <inheritdoc />
    protected override void Update(Tensor theta, Tensor gradient, long step) =>
        theta.add_(MomentumDirection(_momentumBuffer!, gradient, Options.Momentum, Options.Nesterov), -Options.LearningRate);

    /// <inheritdoc />
    protected override void SaveTensors(OptimizerState state)
    {
        if (_momentumBuffer is not null) state.Set("momentum_buffer", _momentumBuffer);
    }

    /// <inheritdoc />
    protected override void LoadTensors(OptimizerState state) => _momentumBuffer = LoadTensor(state, "momentum_buffer");

    /// <inheritdoc />
    protected override void ReleaseState()
    {
        _momentumBuffer?.Dispose();
        _momentumBuffer = null;
    }
}
