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
/// One <see cref="Step"/> costs one gradient evaluation. When the loss or the gradient is not finite
/// the step leaves θ and the momentum unchanged and reports <see cref="StopReason.NonFinite"/>.
/// </remarks>
public sealed class Sgd : IOptimizer
{
    private Tensor? _momentumBuffer;
    private long _stepCount;
    private bool _disposed;

    /// <summary>The command-line entry: <c>sgd[:STEPS][:lr=..][:momentum=..][:nesterov=true|false]</c>.</summary>
    public static OptimizerDescriptor Descriptor { get; } = CreateDescriptor();

    /// <summary>Creates the optimizer with the given (or default) options.</summary>
    public Sgd(SgdOptions? options = null)
    {
        Options = options ?? new SgdOptions();
        Options.Validate();
    }

    /// <inheritdoc />
    public string Name => "sgd";

    /// <summary>The hyper-parameters.</summary>
    public SgdOptions Options { get; }

    /// <summary>Number of updates applied so far.</summary>
    public long StepCount => _stepCount;

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ParameterVector.Validate(objective, theta);
        if (_momentumBuffer is null)
        {
            _momentumBuffer = torch.zeros_like(theta).DetachFromDisposeScope();
        }
        else
        {
            ParameterVector.ValidateState(_momentumBuffer, theta);
        }
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
            _momentumBuffer.mul_(o.Momentum).add_(gradient);
            if (o.Nesterov)
            {
                theta.add_(gradient.add(_momentumBuffer, o.Momentum), -o.LearningRate);
            }
            else
            {
                theta.add_(_momentumBuffer, -o.LearningRate);
            }
        }
        return new StepResult(loss, 1, gradientNorm);
    }

    /// <summary>Forgets the momentum buffer.</summary>
    public void Reset()
    {
        _momentumBuffer?.Dispose();
        _momentumBuffer = null;
        _stepCount = 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        Reset();
        _disposed = true;
    }

    private static OptimizerDescriptor CreateDescriptor()
    {
        var d = new SgdOptions();
        return new OptimizerDescriptor(
            "sgd",
            "gradient descent with heavy-ball or Nesterov momentum (Polyak 1964, Nesterov 1983)",
            [
                OptimizerOption.Number("lr", OptimizerOptionKind.PositiveNumber, d.LearningRate, "learning rate (step size)"),
                OptimizerOption.Number("momentum", OptimizerOptionKind.Fraction, d.Momentum, "momentum coefficient; 0 gives plain gradient descent"),
                new OptimizerOption("nesterov", OptimizerOptionKind.Boolean, d.Nesterov ? "true" : "false", "use Nesterov's look-ahead momentum"),
            ],
            s => new Sgd(new SgdOptions
            {
                LearningRate = s.Number("lr"),
                Momentum = s.Number("momentum"),
                Nesterov = s.Flag("nesterov"),
            }));
    }
}
