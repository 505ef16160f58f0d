using PureHDF;

namespace Pinn.Verification;

/// <summary>
/// The pieces of a results file for other layouts than <see cref="RunRecord"/> (e.g. a singularity search): datasets that
/// carry the same <c>sha256</c> attribute as <see cref="ResultsFile"/>'s (first 16 hex digits of the SHA-256 of the
/// little-endian values), the same <c>/provenance</c> group, and the same atomic write (temporary file, then rename).
/// </summary>
public static class ChecksummedFile
{
    /// <summary>A float64 dataset of shape <paramref name="dimensions"/> (default: a vector) with its checksum.</summary>
    public static H5Dataset Dataset(double[] values, params ulong[] dimensions) =>
        ResultsFile.Dataset((double[])values.Clone(), dimensions.Length == 0 ? [(ulong)values.Length] : dimensions);

    /// <summary>An int64 vector with its checksum.</summary>
    public static H5Dataset Dataset(long[] values) => ResultsFile.Dataset((long[])values.Clone(), [(ulong)values.Length]);

    /// <summary>The checksum the reader expects for <paramref name="values"/>.</summary>
    public static string Checksum(double[] values) => ResultsFile.Checksum(values);

    /// <summary>The <c>/provenance</c> group of <paramref name="provenance"/>.</summary>
    public static H5Group Provenance(ProvenanceRecord provenance) => ResultsFile.ProvenanceGroup(provenance);

    /// <summary>Writes <paramref name="file"/> atomically; an <see cref="IOException"/> names the path and the problem.</summary>
    public static void Write(string path, H5File file) => ResultsFile.WriteAtomically(path, file);
}
