using PureHDF;
using static TorchSharp.torch;

namespace Pinn.Problems.Tests;

/// <summary>
/// A slice of a literature reference grid kept under tests/Problems.Tests/data (copied next to the test assembly):
/// the full x and t axes and every <see cref="Stride"/>-th time level and x of u[i_t, i_x] (see data/make_slices.py).
/// </summary>
internal sealed record ReferenceSlice(double[] FullX, double[] FullT, int Stride, double[] X, double[] T, double[] U)
{
    /// <summary>Loads data/<paramref name="name"/>; a missing file fails the test (the data is part of the repository).</summary>
    public static ReferenceSlice Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", name);
        Assert.True(File.Exists(path), $"test data {path} is missing: it is part of the repository (tests/Problems.Tests/data)");
        using var file = H5File.OpenRead(path);
        var x = file.Dataset("x").Read<double[]>();
        var t = file.Dataset("t").Read<double[]>();
        int stride = (int)file.Attribute("stride").Read<long>();
        var u = file.Dataset("u").Read<double[]>();
        var xs = x.Where((_, j) => j % stride == 0).ToArray();
        var ts = t.Where((_, i) => i % stride == 0).ToArray();
        Assert.Equal(xs.Length * ts.Length, u.Length);
        return new ReferenceSlice(x, t, stride, xs, ts, u);
    }

    /// <summary>(x, t) of every value of the slice, in the order of <see cref="U"/> (t slowest).</summary>
    public Tensor Points()
    {
        var p = new double[T.Length * X.Length, 2];
        for (int i = 0; i < T.Length; i++)
            for (int j = 0; j < X.Length; j++)
                (p[i * X.Length + j, 0], p[i * X.Length + j, 1]) = (X[j], T[i]);
        return tensor(p, dtype: ScalarType.Float64);
    }

    /// <summary>Max |u − slice| and ‖u − slice‖₂ / ‖slice‖₂ for values in the order of <see cref="U"/>.</summary>
    public (double Max, double RelativeL2) Compare(Tensor u)
    {
        using var grid = tensor(U, dtype: ScalarType.Float64);
        using var d = u - grid;
        return (d.abs().max().item<double>(), (d.norm() / grid.norm()).item<double>());
    }
}
