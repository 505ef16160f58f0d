namespace Pinn.Solver.Tests.Cli;

/// <summary>Ways to damage a file, for the fuzz tests.</summary>
internal static class Corruption
{
    /// <summary>Offset of the little-endian bytes of <paramref name="values"/> in <paramref name="bytes"/>.</summary>
    public static int Find(byte[] bytes, double[] values)
    {
        var needle = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan(0, Math.Min(values.Length, 8))).ToArray();
        var at = bytes.AsSpan().IndexOf(needle);
        return at >= 0 ? at : throw new InvalidOperationException("values not found in the file");
    }

    /// <summary>Fifty damaged variants of a valid results file, each with a label.</summary>
    public static IEnumerable<(string Label, byte[] Bytes)> Variants(byte[] valid, double[] dataValues, Random random)
    {
        for (int i = 0; i < 15; i++)
        {
            var length = random.Next(0, valid.Length);
            yield return ($"truncated to {length} of {valid.Length} bytes", valid[..length]);
        }
        for (int i = 0; i < 5; i++)
        {
            var b = (byte[])valid.Clone();
            var at = random.Next(0, 8);
            b[at] ^= (byte)(1 + random.Next(255));
            yield return ($"signature byte {at} changed", b);
        }
        for (int i = 0; i < 5; i++)
        {
            var b = new byte[random.Next(1, 4096)];
            random.NextBytes(b);
            yield return ($"{b.Length} random bytes", b);
        }
        yield return ("empty", []);
        yield return ("a text file", "not an HDF5 file\n"u8.ToArray());
        var data = Find(valid, dataValues);
        for (int i = 0; i < 15; i++)
        {
            var b = (byte[])valid.Clone();
            var at = data + random.Next(0, dataValues.Length * 8);
            b[at] ^= (byte)(1 << random.Next(8));
            yield return ($"bit flipped in the data at byte {at}", b);
        }
        var half = valid[..(valid.Length / 2)];
        for (int i = 0; i < 8; i++)
        {
            var b = new byte[valid.Length];
            Array.Copy(half, b, half.Length);   // the second half zeroed: headers intact, data and metadata beyond gone
            var start = half.Length + random.Next(0, valid.Length - half.Length);
            random.NextBytes(b.AsSpan(start, Math.Min(64, valid.Length - start)));
            yield return ($"second half zeroed (noise at {start})", b);
        }
    }
}
