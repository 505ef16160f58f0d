using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// The boundary of a box. In 1-D it is the two end points; in 2-D points are spread along the
/// perimeter by arc length (a grid is equispaced, offset by half a spacing so no corner is doubled);
/// in higher dimensions each point picks a face with probability proportional to its area.
/// </summary>
public sealed class BoxBoundary(Box box) : IRegion
{
    /// <summary>The box whose boundary this is.</summary>
    public Box Box { get; } = box;
    /// <inheritdoc />
    public int Dimension => Box.Dimension;

    /// <inheritdoc />
    public Tensor Draw(Sample sample, Random random)
    {
        int d = Dimension, n = sample.Count;
        if (d == 1)
            return Points.ToTensor(new double[,] { { Box.Lower[0] }, { Box.Upper[0] } });
        double[] unit = sample.Method switch
        {
            SamplingMethod.Grid => Enumerable.Range(0, n).Select(i => (i + 0.5) / n).ToArray(),
            SamplingMethod.Uniform => Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray(),
            _ => Enumerable.Range(0, n).Select(i => Halton.Value(i + 1, 0)).ToArray(),
        };
        var p = new double[n, d];
        if (d == 2)
        {
            double w = Box.Width(0), h = Box.Width(1), perimeter = 2 * (w + h);
            for (int i = 0; i < n; i++)
            {
                double s = unit[i] * perimeter;
                (double x, double y) = s < w ? (s, 0.0)
                    : s < w + h ? (w, s - w)
                    : s < 2 * w + h ? (2 * w + h - s, h)
                    : (0.0, perimeter - s);
                p[i, 0] = Box.Lower[0] + x;
                p[i, 1] = Box.Lower[1] + y;
            }
            return Points.ToTensor(p);
        }
        // d ≥ 3: face (k, side) with probability ∝ its area, uniform within the face.
        var faceArea = Enumerable.Range(0, 2 * d).Select(f =>
            Enumerable.Range(0, d).Where(j => j != f / 2).Aggregate(1.0, (a, j) => a * Box.Width(j))).ToArray();
        double total = faceArea.Sum();
        for (int i = 0; i < n; i++)
        {
            double s = unit[i] * total;
            int face = 0;
            while (face < 2 * d - 1 && s >= faceArea[face]) s -= faceArea[face++];
            int k = face / 2;
            for (int j = 0; j < d; j++)
                p[i, j] = j == k ? (face % 2 == 0 ? Box.Lower[j] : Box.Upper[j]) : Box.Lower[j] + random.NextDouble() * Box.Width(j);
        }
        return Points.ToTensor(p);
    }
}
