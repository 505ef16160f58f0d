namespace Pinn.Physics;

/// <summary>How collocation points are drawn from a region.</summary>
public enum SamplingMethod
{
    /// <summary>A tensor-product grid (interior points only for a box interior).</summary>
    Grid,
    /// <summary>Independent uniform random points (seeded).</summary>
    Uniform,
    /// <summary>A scrambled-free Halton sequence (quasi-random, deterministic).</summary>
    Halton,
}

/// <summary>
/// A request for collocation points: a method and the total number of points. A grid in d dimensions
/// uses round(Count^(1/d)) points per coordinate, so its size is the nearest perfect power (900 → 30×30).
/// </summary>
public sealed record Sample(SamplingMethod Method, int Count)
{
    /// <summary>A grid of about <paramref name="count"/> points (a perfect power of the dimension).</summary>
    public static Sample Grid(int count) => new(SamplingMethod.Grid, Check(count));

    /// <summary><paramref name="count"/> uniform random points.</summary>
    public static Sample Uniform(int count) => new(SamplingMethod.Uniform, Check(count));

    /// <summary><paramref name="count"/> points of the Halton sequence.</summary>
    public static Sample Halton(int count) => new(SamplingMethod.Halton, Check(count));

    /// <summary>Points per coordinate of a grid of about Count points in <paramref name="dimension"/> dimensions.</summary>
    public int PerDimension(int dimension) =>
        dimension <= 0 ? Count : Math.Max(1, (int)Math.Round(Math.Pow(Count, 1.0 / dimension)));

    private static int Check(int n) =>
        n > 0 ? n : throw new ArgumentOutOfRangeException(nameof(n), $"a point count must be positive (got {n})");
}
