using PureHDF;

namespace Pinn.Verification.Tests;

public class ResultsFileCorruptionTests
{
    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        using var directory = new TempDirectory();

        var ex = Assert.Throws<FileNotFoundException>(() => ResultsFile.Read(directory.File("absent.h5")));

        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void Read_EmptyFile_ThrowsInvalidData()
    {
        using var directory = new TempDirectory();
        File.WriteAllBytes(directory.File("empty.h5"), []);

        AssertInvalid(directory.File("empty.h5"), "is empty");
    }

    [Fact]
    public void Read_TextFile_ThrowsInvalidData()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("notes.h5"), "step,loss\n1,0.5\n2,0.25\n");

        AssertInvalid(directory.File("notes.h5"), "not an HDF5 file");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(5000)]
    public void Read_RandomBytes_ThrowsInvalidData(int length)
    {
        using var directory = new TempDirectory();
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        File.WriteAllBytes(directory.File("noise.h5"), bytes);

        AssertInvalid(directory.File("noise.h5"), "not an HDF5 file");
    }

    [Fact]
    public void Read_TruncatedCopies_ThrowInvalidData()
    {
        using var directory = new TempDirectory();
        ResultsFile.Write(directory.File("run.h5"), SampleRecords.Poisson());
        var bytes = File.ReadAllBytes(directory.File("run.h5"));

        foreach (var length in new[] { 4, 8, 9, 20, 47, 100, bytes.Length / 2, bytes.Length - 1 })
        {
            File.WriteAllBytes(directory.File("cut.h5"), bytes[..length]);
            AssertInvalid(directory.File("cut.h5"), length < 8 ? "not an HDF5 file" : "truncated");
        }
    }

    [Fact]
    public void Read_CorruptedBody_ThrowsInvalidDataOrReadsSomething()
    {
        // Bytes overwritten past the superblock, length kept: the reader must fail cleanly (or read a record),
        // never leak a library exception.
        using var directory = new TempDirectory();
        ResultsFile.Write(directory.File("run.h5"), SampleRecords.Poisson());
        var original = File.ReadAllBytes(directory.File("run.h5"));
        var random = new Random(7);
        var failures = 0;
        for (var trial = 0; trial < 60; trial++)
        {
            var bytes = (byte[])original.Clone();
            var start = random.Next(48, bytes.Length - 16);
            random.NextBytes(bytes.AsSpan(start, random.Next(1, 16)));
            File.WriteAllBytes(directory.File("bad.h5"), bytes);
            try
            {
                ResultsFile.Read(directory.File("bad.h5"));
            }
            catch (InvalidDataException ex)
            {
                Assert.DoesNotContain('\n', ex.Message);
                failures++;
            }
        }
        Assert.True(failures > 0);
    }

    [Fact]
    public void Read_Hdf5WithoutFormatAttribute_ThrowsInvalidData()
    {
        using var directory = new TempDirectory();
        new H5File { ["data"] = new double[] { 1, 2, 3 } }.Write(directory.File("other.h5"));

        AssertInvalid(directory.File("other.h5"), "no 'format' attribute");
    }

    [Fact]
    public void Read_OtherFormat_ThrowsInvalidData()
    {
        using var directory = new TempDirectory();
        var file = new H5File();
        file.Attributes["format"] = "something-else";
        file.Write(directory.File("other.h5"));

        AssertInvalid(directory.File("other.h5"), "not a pinn-results file");
    }

    [Fact]
    public void Read_NewerFormatVersion_ThrowsInvalidData()
    {
        using var directory = new TempDirectory();
        var file = new H5File();
        file.Attributes["format"] = ResultsFile.FormatName;
        file.Attributes["format_version"] = ResultsFile.FormatVersion + 1;
        file.Write(directory.File("future.h5"));

        AssertInvalid(directory.File("future.h5"), $"format_version {ResultsFile.FormatVersion + 1}");
    }

    [Fact]
    public void Read_MissingGroup_ThrowsInvalidDataNamingIt()
    {
        using var directory = new TempDirectory();
        var config = new H5Group();
        config.Attributes[AttributeDigest.Name] = AttributeDigest.Of(config.Attributes);
        var file = new H5File { ["config"] = config };
        file.Attributes["format"] = ResultsFile.FormatName;
        file.Attributes["format_version"] = ResultsFile.FormatVersion;
        file.Attributes[AttributeDigest.Name] = AttributeDigest.Of(file.Attributes);
        file.Write(directory.File("partial.h5"));

        AssertInvalid(directory.File("partial.h5"), "no group /evaluation");
    }

    [Fact]
    public void Read_Directory_ThrowsInvalidData()
    {
        using var directory = new TempDirectory();

        AssertInvalid(directory.Path, "is a directory");
    }

    private static void AssertInvalid(string path, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => ResultsFile.Read(path));
        Assert.Contains(expected, ex.Message);
        Assert.Contains(path, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
