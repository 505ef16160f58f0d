using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// Matched point pairs on the two faces x_dim = lower and x_dim = upper of a domain: the first N rows
/// lie on the lower face, the next N rows are the same points moved to the upper face. A periodic
/// residual compares the two halves.
/// </summary>
public sealed class PeriodicPairs(Box bounds, int dim) : IRegion
{
    /// <inheritdoc />
    public int Dimension => bounds.Dimension;

    /// <inheritdoc />
    public Tensor Draw(Sample sample, Random random)
    {
        int d = Dimension, n = sample.Count, others = d - 1;
        double[,] unit = sample.Method switch
        {
            SamplingMethod.Grid => GridUnit(n, others),
            SamplingMethod.Uniform => Box.Uniform(n, others, random),
            _ => Halton.Points(n, others),
        };
        n = unit.GetLength(0);
        var p = new double[2 * n, d];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0, u = 0; k < d; k++)
            {
                if (k == dim) { p[i, k] = bounds.Lower[k]; p[n + i, k] = bounds.Upper[k]; continue; }
                double v = bounds.Lower[k] + unit[i, u++] * bounds.Width(k);
                p[i, k] = v;
                p[n + i, k] = v;
            }
        }
        return Points.ToTensor(p);
    }

    private static double[,] GridUnit(int n, int dims)
    {
        if (dims == 0) return new double[1, 0];
        int per = new Sample(SamplingMethod.Grid, n).PerDimension(dims);
        return Box.TensorGrid(Enumerable.Range(0, dims).Select(_ => Box.Linspace(0, 1, per)).ToArray());
    }
}
