using System.Buffers.Binary;

namespace Pinn.Verification;

/// <summary>
/// Reads just enough of an HDF5 superblock to say why a file is not usable before the HDF5 library sees it:
/// empty, no signature, or shorter than the end-of-file address the superblock records (truncated).
/// </summary>
/// <remarks>HDF5 File Format Specification 3.0, section II.A (superblock versions 0–3).</remarks>
internal static class Hdf5Superblock
{
    private static readonly byte[] Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Returns a problem phrased to follow the file's name (e.g. "is empty"), or null if none was found.</summary>
    public static string? Diagnose(Stream stream)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return "is empty (0 bytes), not an HDF5 file";
        }
        // The signature is at offset 0 or, after a user block, at 512, 1024, 2048, ...
        var header = new byte[96];
        for (long offset = 0; offset + Signature.Length <= length; offset = offset == 0 ? 512 : offset * 2)
        {
            stream.Position = offset;
            var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (read >= Signature.Length && header.AsSpan(0, Signature.Length).SequenceEqual(Signature))
            {
                return DiagnoseSuperblock(header.AsSpan(0, read), length);
            }
        }
        return $"is not an HDF5 file (no HDF5 signature in its {length} bytes)";
    }

    private static string? DiagnoseSuperblock(ReadOnlySpan<byte> superblock, long length)
    {
        if (superblock.Length < 16)
        {
            return $"is truncated ({length} bytes end inside the HDF5 superblock)";
        }
        var version = superblock[8];
        int sizeOfOffsets;
        int endOfFileAt;
        switch (version)
        {
            case 0 or 1:
                sizeOfOffsets = superblock[13];
                var baseAt = version == 0 ? 24 : 28;
                endOfFileAt = baseAt + 2 * sizeOfOffsets;
                break;
            case 2 or 3:
                sizeOfOffsets = superblock[9];
                endOfFileAt = 12 + 2 * sizeOfOffsets;
                break;
            default:
                return null; // A newer superblock: leave it to the library.
        }
        if (sizeOfOffsets is not (2 or 4 or 8))
        {
            return $"is damaged (HDF5 superblock gives an offset size of {sizeOfOffsets} bytes)";
        }
        var baseAddressAt = endOfFileAt - 2 * sizeOfOffsets;
        if (superblock.Length < endOfFileAt + sizeOfOffsets)
        {
            return $"is truncated ({length} bytes end inside the HDF5 superblock)";
        }
        var baseAddress = Address(superblock.Slice(baseAddressAt, sizeOfOffsets));
        var endOfFile = Address(superblock.Slice(endOfFileAt, sizeOfOffsets));
        if (baseAddress is null || endOfFile is null)
        {
            return null; // Undefined addresses: nothing to compare.
        }
        // Addresses are relative to the base address (the conservative reading when a user block precedes it).
        var expected = (decimal)baseAddress.Value + endOfFile.Value;
        return expected > length
            ? $"is truncated (the HDF5 superblock records {expected} bytes, the file has {length})"
            : null;
    }

    /// <summary>A little-endian address, or null for the undefined address (all bits set).</summary>
    private static ulong? Address(ReadOnlySpan<byte> bytes)
    {
        ulong value = bytes.Length switch
        {
            2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        };
        var undefined = bytes.Length == 8 ? ulong.MaxValue : (1UL << (8 * bytes.Length)) - 1;
        return value == undefined ? null : value;
    }
}
