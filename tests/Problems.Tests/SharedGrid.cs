using PureHDF;
using static TorchSharp.torch;

namespace Pinn.Problems.Tests;

/// <summary>A literature grid from /work/shared/data (x, t, u[i_t, i_x]); null when the file is absent.</summary>
internal sealed record SharedGrid(double[] X, double[] T, double[] U)
{
    private const string Folder = "/work/shared/data";

    public static SharedGrid? Load(string name, int stride = 1)
    {
        var path = Path.Combine(Environment.GetEnvironmentVariable("PINN_DATA") ?? Folder, name);
        if (!File.Exists(path)) return null;
        using var file = H5File.OpenRead(path);
        var grid = new SharedGrid(file.Dataset("x").Read<double[]>(), file.Dataset("t").Read<double[]>(), file.Dataset("u").Read<double[]>());
        return stride == 1 ? grid : grid.Every(stride);
    }

    /// <summary>Every <paramref name="stride"/>-th time level and x of the grid (a smaller grid for fast tests).</summary>
    public SharedGrid Every(int stride)
    {
        var rows = Enumerable.Range(0, T.Length).Where(i => i % stride == 0).ToArray();
        var cols = Enumerable.Range(0, X.Length).Where(j => j % stride == 0).ToArray();
        return new SharedGrid(cols.Select(j => X[j]).ToArray(), rows.Select(i => T[i]).ToArray(),
            rows.SelectMany(i => cols.Select(j => U[i * X.Length + j])).ToArray());
    }

    /// <summary>(x, t) of every grid value, in the order of <see cref="U"/> (t slowest).</summary>
    public Tensor Points()
    {
        var p = new double[T.Length * X.Length, 2];
        for (int i = 0; i < T.Length; i++)
            for (int j = 0; j < X.Length; j++)
                (p[i * X.Length + j, 0], p[i * X.Length + j, 1]) = (X[j], T[i]);
        return tensor(p, dtype: ScalarType.Float64);
    }

    /// <summary>Max |u − grid| and ‖u − grid‖₂ / ‖grid‖₂ for values in the order of <see cref="U"/>.</summary>
    public (double Max, double RelativeL2) Compare(Tensor u)
    {
        using var grid = tensor(U, dtype: ScalarType.Float64);
        using var d = u - grid;
        return (d.abs().max().item<double>(), (d.norm() / grid.norm()).item<double>());
    }
}
