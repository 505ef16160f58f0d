using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>A component function that is a one-input, one-output <see cref="Mlp"/>, pushed through by <see cref="NetworkJet"/>.</summary>
public sealed class NetworkFunction : IComponentFunction
{
    /// <summary>Wraps <paramref name="network"/> (disposed with this).</summary>
    public NetworkFunction(Mlp network) => Network = network;

    /// <summary>The network.</summary>
    public Mlp Network { get; }

    /// <inheritdoc />
    public long ParameterCount => Network.ParameterCount;

    /// <inheritdoc />
    public Tensor Parameters => Network.Parameters;

    /// <inheritdoc />
    public void Load(Tensor theta) => Network.Load(theta);

    /// <inheritdoc />
    public Jet Run(Tensor theta, Jet input, List<LayerTap>? taps) => NetworkJet.Run(Network, theta, input, taps);

    /// <inheritdoc />
    public string Description => $"network {string.Join(",", Network.Options.Hidden)} {Network.Options.Activation.ToString().ToLowerInvariant()}";

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();
}
