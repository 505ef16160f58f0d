using Pinn.Optimizers;

namespace Pinn.Solver.Engine;

/// <summary>The parameter shapes of the network, for optimizers that precondition weight matrices.</summary>
public sealed partial class PinnObjective : IParameterShapes
{
    /// <summary>
    /// Per layer, in θ order: the weight [Out, In] (row-major, as <see cref="Networks.Mlp.Layer"/> views it),
    /// then the bias, a vector of Out entries.
    /// </summary>
    public IReadOnlyList<ParameterShape> ParameterShapes =>
        Network.Layers.SelectMany(l => new[]
        {
            ParameterShape.Matrix(l.WeightOffset, l.Out, l.In),
            ParameterShape.Vector(l.BiasOffset, l.Out),
        }).ToArray();
}
