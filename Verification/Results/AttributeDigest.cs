using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Pinn.Verification;

/// <summary>
/// The checksum of a group's attributes, stored in its own attribute <c>sha256</c>: the first 16 hex digits of the
/// SHA-256 of the attributes other than <c>sha256</c>, in ordinal order of their names, each encoded as its UTF-8 name,
/// a zero byte, a type letter and its value: <c>s</c> UTF-8 text and a zero byte; <c>d</c> a float64 and <c>l</c> an
/// int64, 8 little-endian bytes; <c>b</c> one byte 0 or 1; <c>S</c>, <c>L</c>, <c>D</c> an array: its length as 8
/// little-endian bytes, then its elements as above.
/// </summary>
internal static class AttributeDigest
{
    /// <summary>The name of the attribute that holds a digest.</summary>
    public const string Name = "sha256";

    /// <summary>The digest of <paramref name="attributes"/> (string, double, long, bool and their arrays).</summary>
    public static string Of(IEnumerable<KeyValuePair<string, object>> attributes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, value) in attributes.Where(a => a.Key != Name).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Text(hash, name);
            switch (value)
            {
                case string text: Tag(hash, 's'); Text(hash, text); break;
                case double number: Tag(hash, 'd'); Double(hash, number); break;
                case long integer: Tag(hash, 'l'); Long(hash, integer); break;
                case bool flag: Tag(hash, 'b'); hash.AppendData([flag ? (byte)1 : (byte)0]); break;
                case Hdf5Bool flag: Tag(hash, 'b'); hash.AppendData([flag == Hdf5Bool.TRUE ? (byte)1 : (byte)0]); break;
                case string[] texts: Tag(hash, 'S'); Long(hash, texts.Length); foreach (var t in texts) Text(hash, t); break;
                case long[] integers: Tag(hash, 'L'); Long(hash, integers.Length); foreach (var i in integers) Long(hash, i); break;
                case double[] numbers: Tag(hash, 'D'); Long(hash, numbers.Length); foreach (var n in numbers) Double(hash, n); break;
                default: throw new ArgumentException($"attribute '{name}' has type {value?.GetType().Name ?? "null"}, which has no digest encoding.");
            }
        }
        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }

    private static void Tag(IncrementalHash hash, char tag) => hash.AppendData([(byte)tag]);

    private static void Text(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData([0]);
    }

    private static void Long(IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        hash.AppendData(bytes);
    }

    private static void Double(IncrementalHash hash, double value) => Long(hash, BitConverter.DoubleToInt64Bits(value));
}
