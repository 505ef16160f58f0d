using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// A scalar objective of a flat float64 parameter vector θ (shape [P]): what every optimizer asks of
/// the problem it minimises. Optimizers know nothing else about it (no PDEs, no networks).
/// </summary>
/// <remarks>
/// Implementations must not modify <c>theta</c>, must return fresh tensors (the caller owns them) and
/// must report a non-finite loss as <see cref="double.NaN"/> or infinity rather than throwing.
/// </remarks>
public interface IObjective
{
    /// <summary>Number of parameters P; θ has shape [P].</summary>
    long ParameterCount { get; }

    /// <summary>
    /// Changes whenever the function itself changes (e.g. resampled collocation points), so that
    /// optimizers which keep the loss and gradient of the current point between steps (L-BFGS) know to
    /// recompute them. The default, 0, suits an objective that never changes.
    /// </summary>
    long Revision => 0;

    /// <summary>The loss at θ, without a gradient.</summary>
    double Value(Tensor theta);

    /// <summary>The loss at θ and its gradient (a fresh [P] float64 tensor, detached).</summary>
    (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta);
}
