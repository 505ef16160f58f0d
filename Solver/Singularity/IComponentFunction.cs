using Pinn.Solver.Engine;
using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The trainable function N(tₐ) of one profile component (see <see cref="ProfileComponent"/>): a network
/// (<see cref="NetworkFunction"/>) or a Chebyshev series (<see cref="ChebyshevFunction"/>). Its parameters θ are a float64
/// vector laid out as linear layers are (each layer's weight, row-major, then its bias), so that the exact Jacobian rows of
/// <see cref="ProfileLinearization"/> come from the layer taps of <see cref="Run"/> alone.
/// </summary>
public interface IComponentFunction : IDisposable
{
    /// <summary>Number of parameters.</summary>
    long ParameterCount { get; }

    /// <summary>The current parameters (a view; not to be disposed).</summary>
    Tensor Parameters { get; }

    /// <summary>Stores <paramref name="theta"/> as the current parameters.</summary>
    void Load(Tensor theta);

    /// <summary>N(t) as a jet of the order of <paramref name="input"/>, at parameters <paramref name="theta"/>; each linear layer's
    /// channel inputs and outputs recorded in <paramref name="taps"/> when given.</summary>
    Jet Run(Tensor theta, Jet input, List<LayerTap>? taps);

    /// <summary>What it is, for reports: "network 16,16 sin", "chebyshev 120".</summary>
    string Description { get; }
}
