using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// Supplies the network output and its input derivatives at one set of points, for one evaluation.
/// Every tensor returned has shape [N] (one value per point) and float64 dtype.
/// </summary>
public interface IDerivativeSource
{
    /// <summary>Number of points N.</summary>
    long Count { get; }
    /// <summary>Number of network inputs.</summary>
    int Inputs { get; }
    /// <summary>Number of network outputs.</summary>
    int Outputs { get; }
    /// <summary>The output component <paramref name="output"/>.</summary>
    Tensor Value(int output);
    /// <summary>∂u_o/∂x_dim.</summary>
    Tensor First(int dim, int output);
    /// <summary>Σₖ cₖ ∂²u_o/∂xₖ².</summary>
    Tensor Second(double[] coefficients, int output);
    /// <summary>∂²u_o/∂xᵢ∂xⱼ (i ≠ j).</summary>
    Tensor Mixed(int i, int j, int output);
}
