namespace Pinn.Verification;

/// <summary>
/// The checksum HDF5 stores with its version-2 metadata (superblock v2/v3, object headers, B-trees v2, fractal heaps):
/// Bob Jenkins' lookup3 <c>hashlittle</c> with initial value 0, as the HDF5 File Format Specification 3.0 (section
/// II, "Checksums") prescribes.
/// </summary>
internal static class Hdf5Checksum
{
    /// <summary>The lookup3 hash of <paramref name="data"/> (initial value 0).</summary>
    public static uint Of(ReadOnlySpan<byte> data)
    {
        uint a, b, c;
        a = b = c = 0xdeadbeef + (uint)data.Length;
        while (data.Length > 12)
        {
            a += Word(data, 0);
            b += Word(data, 4);
            c += Word(data, 8);
            Mix(ref a, ref b, ref c);
            data = data[12..];
        }
        if (data.Length == 0)
        {
            return c;
        }
        Span<byte> tail = stackalloc byte[12];
        tail.Clear();
        data.CopyTo(tail);
        a += Word(tail, 0);
        b += Word(tail, 4);
        c += Word(tail, 8);
        Final(ref a, ref b, ref c);
        return c;
    }

    private static uint Word(ReadOnlySpan<byte> data, int at) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(at, 4));

    private static uint Rotate(uint x, int k) => (x << k) | (x >> (32 - k));

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= Rotate(c, 4); c += b;
        b -= a; b ^= Rotate(a, 6); a += c;
        c -= b; c ^= Rotate(b, 8); b += a;
        a -= c; a ^= Rotate(c, 16); c += b;
        b -= a; b ^= Rotate(a, 19); a += c;
        c -= b; c ^= Rotate(b, 4); b += a;
    }

    private static void Final(ref uint a, ref uint b, ref uint c)
    {
        c ^= b; c -= Rotate(b, 14);
        a ^= c; a -= Rotate(c, 11);
        b ^= a; b -= Rotate(a, 25);
        c ^= b; c -= Rotate(b, 16);
        a ^= c; a -= Rotate(c, 4);
        b ^= a; b -= Rotate(a, 14);
        c ^= b; c -= Rotate(b, 24);
    }
}
