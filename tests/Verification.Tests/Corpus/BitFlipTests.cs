namespace Pinn.Verification.Tests;

/// <summary>
/// One flipped bit anywhere in a results file: reading it either fails with a one-line message or gives back exactly
/// the record that was written (the bit was in padding no reader uses) — never a silently different record.
/// </summary>
public class BitFlipTests
{
    [Fact]
    public void FourHundredSingleBitFlips_AreCaughtOrHarmless()
    {
        using var directory = new TempDirectory();
        var record = SampleRecords.Poisson();
        ResultsFile.Write(directory.File("run.h5"), record);
        var valid = File.ReadAllBytes(directory.File("run.h5"));
        var original = ResultsFile.Read(directory.File("run.h5"));
        var random = new Random(480);
        int caught = 0;
        for (int i = 0; i < 400; i++)
        {
            var bytes = (byte[])valid.Clone();
            var at = i == 0 ? 480 : random.Next(bytes.Length);
            bytes[at] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(directory.File("flip.h5"), bytes);
            try
            {
                var read = ResultsFile.Read(directory.File("flip.h5"));
                RecordAssert.Equal(original, read);
            }
            catch (InvalidDataException ex)
            {
                Assert.DoesNotContain('\n', ex.Message);
                caught++;
            }
        }
        Assert.True(caught > 200, $"only {caught} of 400 flips were caught");
    }

    [Fact]
    public void BitFlippedInEveryObjectHeader_IsCaughtByItsMetadataChecksum()
    {
        using var directory = new TempDirectory();
        ResultsFile.Write(directory.File("run.h5"), SampleRecords.Poisson());
        var valid = File.ReadAllBytes(directory.File("run.h5"));
        var headers = new List<int>();
        for (int at = valid.AsSpan().IndexOf("OHDR"u8); at >= 0; at = valid.AsSpan(at + 1).IndexOf("OHDR"u8) is var next && next >= 0 ? at + 1 + next : -1)
            headers.Add(at);
        Assert.True(headers.Count >= 15, $"only {headers.Count} object headers found");   // every group and dataset has one
        foreach (var at in headers)
        {
            var bytes = (byte[])valid.Clone();
            bytes[at + 6] ^= 0x01;   // the first byte after the signature, version and flags
            File.WriteAllBytes(directory.File("flip.h5"), bytes);
            var ex = Assert.Throws<InvalidDataException>(() => ResultsFile.Read(directory.File("flip.h5")));
            Assert.Contains("does not match its checksum", ex.Message);
        }
    }
}
