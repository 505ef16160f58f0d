using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// The spatial boundary × the time interval. In 1-D space the points alternate between the two ends;
/// a grid spaces the times evenly (end points included), other methods draw them.
/// </summary>
public sealed class SpaceTimeBoundary(Box space, (double Start, double End) time) : IRegion
{
    /// <inheritdoc />
    public int Dimension => space.Dimension + 1;

    /// <inheritdoc />
    public Tensor Draw(Sample sample, Random random)
    {
        int n = sample.Count, d = space.Dimension;
        double span = time.End - time.Start;
        double TimeAt(int i, int count) => sample.Method switch
        {
            SamplingMethod.Grid => time.Start + span * (count == 1 ? 0.5 : (double)i / (count - 1)),
            SamplingMethod.Uniform => time.Start + span * random.NextDouble(),
            _ => time.Start + span * Halton.Value(i + 1, 1),
        };
        var q = new double[n, d + 1];
        if (d == 1)
        {
            int half = (n + 1) / 2;
            for (int i = 0; i < n; i++)
            {
                q[i, 0] = i % 2 == 0 ? space.Lower[0] : space.Upper[0];
                q[i, 1] = TimeAt(i / 2, i % 2 == 0 ? half : n - half);
            }
            return Points.ToTensor(q);
        }
        using var spatial = new BoxBoundary(space).Draw(sample, random);
        var s = Points.ToArray(spatial);
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++) q[i, k] = s[i, k];
            q[i, d] = TimeAt(i, n);
        }
        return Points.ToTensor(q);
    }
}
