using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>A set of points that collocation samples are drawn from (an interior, a boundary, a time slice).</summary>
public interface IRegion
{
    /// <summary>Dimension of the points (the ambient dimension, time included).</summary>
    int Dimension { get; }

    /// <summary>Draws points as a [N, Dimension] float64 tensor.</summary>
    Tensor Draw(Sample sample, Random random);
}
