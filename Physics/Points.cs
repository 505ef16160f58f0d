using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>Conversions between point arrays and float64 tensors.</summary>
public static class Points
{
    /// <summary>A [N, d] float64 tensor from a [N, d] array.</summary>
    public static Tensor ToTensor(double[,] p) => tensor(p, dtype: ScalarType.Float64);

    /// <summary>A [N, d] array from a [N, d] tensor.</summary>
    public static double[,] ToArray(Tensor p)
    {
        using var c = p.detach().cpu().to_type(ScalarType.Float64).contiguous();
        long n = c.shape[0], d = c.shape.Length > 1 ? c.shape[1] : 1;
        var flat = c.data<double>().ToArray();
        var a = new double[n, d];
        Buffer.BlockCopy(flat, 0, a, 0, flat.Length * sizeof(double));
        return a;
    }

    /// <summary>A flat array from any float64 tensor.</summary>
    public static double[] ToVector(Tensor t)
    {
        using var c = t.detach().cpu().to_type(ScalarType.Float64).contiguous();
        return c.data<double>().ToArray();
    }
}
