using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>Scalar reductions of flat float64 vectors as doubles (each in its own dispose scope).</summary>
internal static class VectorMath
{
    /// <summary>float64 machine epsilon, 2⁻⁵².</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Euclidean norm as a double.</summary>
    public static double Norm(Tensor vector)
    {
        using var scope = torch.NewDisposeScope();
        return torch.linalg.vector_norm(vector).item<double>();
    }

    /// <summary>Maximum absolute entry as a double (NaN if any entry is NaN).</summary>
    public static double MaxNorm(Tensor vector)
    {
        using var scope = torch.NewDisposeScope();
        return torch.linalg.vector_norm(vector, double.PositiveInfinity).item<double>();
    }

    /// <summary>Inner product as a double.</summary>
    public static double Dot(Tensor a, Tensor b)
    {
        using var scope = torch.NewDisposeScope();
        return a.dot(b).item<double>();
    }
}
