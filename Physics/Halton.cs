namespace Pinn.Physics;

/// <summary>The Halton low-discrepancy sequence in [0,1)^d (radical inverses in the first d primes).</summary>
public static class Halton
{
    private static readonly int[] Primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53];

    /// <summary>Point <paramref name="index"/> (starting at 1) of the sequence, coordinate <paramref name="dimension"/>.</summary>
    public static double Value(long index, int dimension)
    {
        if (dimension >= Primes.Length)
            throw new ArgumentOutOfRangeException(nameof(dimension), $"Halton points are available up to {Primes.Length} dimensions");
        int b = Primes[dimension];
        double f = 1, r = 0;
        for (long i = index; i > 0; i /= b)
        {
            f /= b;
            r += f * (i % b);
        }
        return r;
    }

    /// <summary>The first <paramref name="count"/> points (skipping index 0), as rows of a [count, d] array.</summary>
    public static double[,] Points(int count, int dimension, long skip = 0)
    {
        var p = new double[count, dimension];
        for (int i = 0; i < count; i++)
            for (int k = 0; k < dimension; k++)
                p[i, k] = Value(skip + i + 1, k);
        return p;
    }
}
