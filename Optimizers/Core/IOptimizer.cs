using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// An iterative minimiser over a flat parameter vector. One call of <see cref="Step"/> is one
/// iteration of the algorithm; it updates θ in place. The optimizer owns its state (moments,
/// histories, curvature estimates) and releases it in <see cref="IDisposable.Dispose"/>.
/// </summary>
public interface IOptimizer : IDisposable
{
    /// <summary>The name used on the command line (e.g. <c>adam</c>, <c>lbfgs</c>).</summary>
    string Name { get; }

    /// <summary>Runs one iteration on <paramref name="theta"/> (shape [P], float64), in place.</summary>
    StepResult Step(IObjective objective, Tensor theta);
}
