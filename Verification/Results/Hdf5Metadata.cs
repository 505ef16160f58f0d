using System.Buffers.Binary;
using System.Text;

namespace Pinn.Verification;

/// <summary>
/// Checks the checksums of an HDF5 file's version-2 metadata, as the HDF5 library (and so h5py) does when it reads
/// them: the superblock (versions 2 and 3) and every object header reachable from the root group through hard links
/// (version-2 headers "OHDR" and their continuation blocks "OCHK"). One flipped bit in any of them — a name, an
/// attribute value, a dataset's shape or address — makes the file unreadable for h5py ("incorrect metadata
/// checksum"), and this check reports it. Raw data is not covered here; the results file's own <c>sha256</c>
/// attributes cover that.
/// </summary>
/// <remarks>
/// HDF5 File Format Specification 3.0: superblock (II.A), version-2 object header (IV.A.1.b), link message (IV.A.2.g),
/// object header continuation (IV.A.2.q), checksums (lookup3, <see cref="Hdf5Checksum"/>). Files with a version-0/1
/// superblock or version-1 object headers carry no metadata checksums; their groups in dense (fractal-heap) storage
/// are not walked. Neither is written by this toolkit.
/// </remarks>
internal sealed class Hdf5Metadata
{
    private const int MaxObjects = 100_000;
    private static readonly byte[] Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly Stream _stream;
    private readonly HashSet<ulong> _visited = [];
    private int _offsetSize;
    private ulong _base;

    private Hdf5Metadata(Stream stream) => _stream = stream;

    /// <summary>A problem phrased to follow the file's name ("is damaged: …"), or null when every checksum matches.</summary>
    public static string? Diagnose(Stream stream)
    {
        try
        {
            return new Hdf5Metadata(stream).Walk();
        }
        catch (Damage damage)
        {
            return $"is damaged: {damage.Message} (h5py would refuse it: incorrect metadata checksum or bad address)";
        }
    }

    private string? Walk()
    {
        var superblock = FindSuperblock();
        if (superblock < 0)
        {
            return null;   // Hdf5Superblock has already reported a missing signature.
        }
        var version = Read(superblock + 8, 1)[0];
        if (version < 2)
        {
            return null;   // No checksums to check in superblocks 0 and 1 (and their version-1 object headers).
        }
        _offsetSize = Read(superblock + 9, 1)[0];
        if (_offsetSize is not (2 or 4 or 8))
        {
            throw new Damage($"the HDF5 superblock gives an offset size of {_offsetSize} bytes");
        }
        var length = 12 + 4 * _offsetSize;
        var block = Read(superblock, length + 4);
        Check(block, length, "the HDF5 superblock", superblock);
        _base = Address(block.AsSpan(12)) ?? 0;
        var extension = Address(block.AsSpan(12 + _offsetSize));
        var root = Address(block.AsSpan(12 + 3 * _offsetSize)) ?? throw new Damage("the HDF5 superblock has no root group address");
        var pending = new Stack<(ulong Address, string Path)>();
        pending.Push((root, "/"));
        if (extension is ulong e)
        {
            pending.Push((e, "the superblock extension"));
        }
        while (pending.Count > 0)
        {
            var (address, path) = pending.Pop();
            if (!_visited.Add(address))
            {
                continue;
            }
            if (_visited.Count > MaxObjects)
            {
                throw new Damage($"its links name more than {MaxObjects} objects");
            }
            foreach (var child in ObjectHeader(address, path))
            {
                pending.Push(child);
            }
        }
        return null;
    }

    private long FindSuperblock()
    {
        for (long offset = 0; offset + Signature.Length <= _stream.Length; offset = offset == 0 ? 512 : offset * 2)
        {
            if (Read(offset, Signature.Length).AsSpan().SequenceEqual(Signature))
            {
                return offset;
            }
        }
        return -1;
    }

    /// <summary>Checks the header at <paramref name="address"/> and returns the objects its hard links point to.</summary>
    private List<(ulong, string)> ObjectHeader(ulong address, string path)
    {
        var at = Position(address, path);
        var prefix = Read(at, 6);
        if (!prefix.AsSpan(0, 4).SequenceEqual("OHDR"u8))
        {
            // A version-1 header (no signature, no checksum) is legal; anything else at a link's address is damage.
            if (prefix[0] == 1)
            {
                return [];
            }
            throw new Damage($"the object header of {path} at byte {at} has no OHDR signature");
        }
        var flags = prefix[5];
        var sizeAt = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        var sizeWidth = 1 << (flags & 0x03);
        var chunkSize = Unsigned(Read(at + sizeAt, sizeWidth));
        var messagesAt = sizeAt + sizeWidth;
        if (chunkSize > (ulong)(_stream.Length - at - messagesAt - 4))
        {
            throw new Damage($"the object header of {path} at byte {at} claims {chunkSize} bytes, past the end of the file");
        }
        var chunk = Read(at, messagesAt + (int)chunkSize + 4);
        Check(chunk, chunk.Length - 4, $"the object header of {path}", at);
        var children = new List<(ulong, string)>();
        Messages(chunk.AsSpan(messagesAt, (int)chunkSize), flags, path, children);
        return children;
    }

    /// <summary>Reads a chunk's messages: follows continuation blocks and collects hard links.</summary>
    private void Messages(ReadOnlySpan<byte> messages, byte headerFlags, string path, List<(ulong, string)> children)
    {
        var headerSize = 4 + ((headerFlags & 0x04) != 0 ? 2 : 0);
        while (messages.Length >= headerSize)
        {
            var type = messages[0];
            var size = BinaryPrimitives.ReadUInt16LittleEndian(messages[1..]);
            if (size > messages.Length - headerSize)
            {
                throw new Damage($"a message in the object header of {path} runs past its chunk");
            }
            var data = messages.Slice(headerSize, size);
            if (type == 0x10)
            {
                Continuation(data, headerFlags, path, children);
            }
            else if (type == 0x06 && Link(data, path) is { } link)
            {
                children.Add(link);
            }
            messages = messages[(headerSize + size)..];
        }
    }

    private void Continuation(ReadOnlySpan<byte> data, byte headerFlags, string path, List<(ulong, string)> children)
    {
        var address = Address(data) ?? throw new Damage($"a continuation of the object header of {path} has no address");
        var length = Unsigned(data.Slice(_offsetSize, Math.Min(8, data.Length - _offsetSize)));
        var at = Position(address, path);
        if (length < 8 || length > (ulong)(_stream.Length - at))
        {
            throw new Damage($"a continuation block of the object header of {path} at byte {at} has length {length}");
        }
        if (!_visited.Add(address | (1UL << 63)))
        {
            return;
        }
        var block = Read(at, (int)length);
        if (!block.AsSpan(0, 4).SequenceEqual("OCHK"u8))
        {
            throw new Damage($"a continuation block of the object header of {path} at byte {at} has no OCHK signature");
        }
        Check(block, block.Length - 4, $"a continuation block of the object header of {path}", at);
        Messages(block.AsSpan(4, block.Length - 8), headerFlags, path, children);
    }

    /// <summary>The target and path of a hard link message; null for soft and external links.</summary>
    private (ulong, string)? Link(ReadOnlySpan<byte> data, string path)
    {
        try
        {
            var flags = data[1];
            var at = 2;
            var linkType = (flags & 0x08) != 0 ? data[at++] : 0;
            at += (flags & 0x04) != 0 ? 8 : 0;
            at += (flags & 0x10) != 0 ? 1 : 0;
            var nameWidth = 1 << (flags & 0x03);
            var nameLength = (int)Unsigned(data.Slice(at, nameWidth));
            at += nameWidth;
            var name = Encoding.UTF8.GetString(data.Slice(at, nameLength));
            at += nameLength;
            if (linkType != 0)
            {
                return null;
            }
            var target = Address(data[at..]) ?? throw new Damage($"the link {name} in {path} has no address");
            return (target, path == "/" ? "/" + name : $"{path}/{name}");
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new Damage($"a link message in {path} is cut short");
        }
    }

    private void Check(byte[] block, int length, string what, long at)
    {
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(length, 4));
        if (Hdf5Checksum.Of(block.AsSpan(0, length)) != stored)
        {
            throw new Damage($"{what} (bytes {at} to {at + length + 3}) does not match its checksum");
        }
    }

    private long Position(ulong address, string path)
    {
        var position = (decimal)_base + address;
        return position < _stream.Length - 4
            ? (long)position
            : throw new Damage($"the object header of {path} is at byte {position}, past the end of the file ({_stream.Length} bytes)");
    }

    private byte[] Read(long offset, int count)
    {
        if (offset < 0 || offset + count > _stream.Length)
        {
            throw new Damage($"metadata at byte {offset} runs past the end of the file ({_stream.Length} bytes)");
        }
        var buffer = new byte[count];
        _stream.Position = offset;
        _stream.ReadExactly(buffer);
        return buffer;
    }

    private ulong? Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < _offsetSize)
        {
            throw new Damage("an address is cut short");
        }
        var value = Unsigned(bytes[.._offsetSize]);
        var undefined = _offsetSize == 8 ? ulong.MaxValue : (1UL << (8 * _offsetSize)) - 1;
        return value == undefined ? null : value;
    }

    private static ulong Unsigned(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }
        return value;
    }

    private sealed class Damage(string message) : Exception(message);
}
