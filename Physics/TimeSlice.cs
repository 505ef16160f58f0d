using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>The slice space × {t}: where initial conditions hold. A grid is the closed spatial grid.</summary>
public sealed class TimeSlice(Box space, double time) : IRegion
{
    /// <inheritdoc />
    public int Dimension => space.Dimension + 1;

    /// <inheritdoc />
    public Tensor Draw(Sample sample, Random random)
    {
        double[,] p = sample.Method switch
        {
            SamplingMethod.Grid => space.ClosedGrid(sample.PerDimension(space.Dimension)),
            SamplingMethod.Uniform => space.FromUnit(Box.Uniform(sample.Count, space.Dimension, random)),
            _ => space.FromUnit(Halton.Points(sample.Count, space.Dimension)),
        };
        int n = p.GetLength(0), d = space.Dimension;
        var q = new double[n, d + 1];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++) q[i, k] = p[i, k];
            q[i, d] = time;
        }
        return Points.ToTensor(q);
    }
}
