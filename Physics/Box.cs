using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>An axis-aligned box [a₁,b₁]×…×[a_d,b_d]; as a region it is the box's interior.</summary>
public sealed class Box : IRegion
{
    /// <summary>Lower corner.</summary>
    public IReadOnlyList<double> Lower { get; }
    /// <summary>Upper corner.</summary>
    public IReadOnlyList<double> Upper { get; }
    /// <inheritdoc />
    public int Dimension => Lower.Count;

    /// <summary>A box from (lower, upper) pairs, one per coordinate.</summary>
    public Box(params (double Lower, double Upper)[] sides)
    {
        if (sides.Length == 0) throw new ArgumentException("a box needs at least one side");
        foreach (var (a, b) in sides)
            if (!(a < b) || !double.IsFinite(a) || !double.IsFinite(b))
                throw new ArgumentException($"a box side needs finite lower < upper (got [{a}, {b}])");
        Lower = sides.Select(s => s.Lower).ToArray();
        Upper = sides.Select(s => s.Upper).ToArray();
    }

    /// <summary>Width of side k.</summary>
    public double Width(int k) => Upper[k] - Lower[k];

    /// <summary>Grid of <paramref name="perDimension"/> points per coordinate, strictly inside (endpoints excluded).</summary>
    public double[,] InteriorGrid(int perDimension) =>
        TensorGrid(Enumerable.Range(0, Dimension)
            .Select(k => Linspace(Lower[k], Upper[k], perDimension + 2)[1..^1]).ToArray());

    /// <summary>Grid of <paramref name="perDimension"/> points per coordinate, endpoints included.</summary>
    public double[,] ClosedGrid(int perDimension) =>
        TensorGrid(Enumerable.Range(0, Dimension).Select(k => Linspace(Lower[k], Upper[k], perDimension)).ToArray());

    /// <inheritdoc />
    public Tensor Draw(Sample sample, Random random)
    {
        double[,] p = sample.Method switch
        {
            SamplingMethod.Grid => InteriorGrid(sample.PerDimension(Dimension)),
            SamplingMethod.Uniform => FromUnit(Uniform(sample.Count, Dimension, random)),
            SamplingMethod.Halton => FromUnit(Halton.Points(sample.Count, Dimension)),
            _ => throw new ArgumentOutOfRangeException(nameof(sample)),
        };
        return Points.ToTensor(p);
    }

    /// <summary>Maps points of the unit cube onto the box.</summary>
    public double[,] FromUnit(double[,] unit)
    {
        int n = unit.GetLength(0);
        var p = new double[n, Dimension];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < Dimension; k++)
                p[i, k] = Lower[k] + unit[i, k] * Width(k);
        return p;
    }

    internal static double[,] Uniform(int n, int d, Random random)
    {
        var p = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++)
                p[i, k] = random.NextDouble();
        return p;
    }

    internal static double[] Linspace(double a, double b, int n) =>
        n == 1 ? [(a + b) / 2] : Enumerable.Range(0, n).Select(i => a + (b - a) * i / (n - 1)).ToArray();

    internal static double[,] TensorGrid(double[][] axes)
    {
        int d = axes.Length;
        long total = axes.Aggregate(1L, (acc, a) => acc * a.Length);
        if (total > 50_000_000) throw new ArgumentException($"a grid of {total} points is too large");
        var p = new double[total, d];
        var idx = new int[d];
        for (long i = 0; i < total; i++)
        {
            for (int k = 0; k < d; k++) p[i, k] = axes[k][idx[k]];
            for (int k = d - 1; k >= 0; k--)
            {
                if (++idx[k] < axes[k].Length) break;
                idx[k] = 0;
            }
        }
        return p;
    }
}
