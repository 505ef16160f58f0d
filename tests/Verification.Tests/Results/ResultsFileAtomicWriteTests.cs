using System.Runtime.Versioning;

namespace Pinn.Verification.Tests;

public class ResultsFileAtomicWriteTests
{
    [Fact]
    public void Write_Success_LeavesOnlyTheTarget()
    {
        using var directory = new TempDirectory();

        ResultsFile.Write(directory.File("run.h5"), SampleRecords.Poisson());

        Assert.Equal(["run.h5"], directory.Entries());
    }

    [Fact]
    public void Write_MissingDirectory_ThrowsOneLineIOExceptionAndCreatesNothing()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "missing", "run.h5");

        var ex = Assert.Throws<IOException>(() => ResultsFile.Write(path, SampleRecords.Poisson()));

        Assert.Contains("does not exist", ex.Message);
        Assert.Contains(Path.Combine(directory.Path, "missing"), ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Empty(directory.Entries());
    }

    [Fact]
    public void Write_TargetIsDirectory_ThrowsIOException()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("run.h5"));

        var ex = Assert.Throws<IOException>(() => ResultsFile.Write(directory.File("run.h5"), SampleRecords.Poisson()));

        Assert.Contains("is a directory", ex.Message);
        Assert.Equal(["run.h5"], directory.Entries());
    }

    [Fact]
    public void Write_FailureBeforeRename_DeletesTemporaryAndLeavesNoTarget()
    {
        using var directory = new TempDirectory();
        string? temporary = null;

        var ex = Assert.Throws<IOException>(() => ResultsFile.Write(directory.File("run.h5"), SampleRecords.Poisson(),
            beforeCommit: path =>
            {
                temporary = path;
                Assert.True(File.Exists(path));
                Assert.Equal(directory.Path, Path.GetDirectoryName(path));
                throw new InvalidOperationException("disk vanished");
            }));

        Assert.Contains("disk vanished", ex.Message);
        Assert.NotNull(temporary);
        Assert.False(File.Exists(temporary));
        Assert.Empty(directory.Entries());
    }

    [Fact]
    public void Write_FailureBeforeRename_KeepsPreviousTargetIntact()
    {
        using var directory = new TempDirectory();
        var path = directory.File("run.h5");
        var original = SampleRecords.Poisson();
        ResultsFile.Write(path, original);
        var before = File.ReadAllBytes(path);

        Assert.Throws<IOException>(() => ResultsFile.Write(path, original with { Config = new() { ["x"] = 1L } },
            beforeCommit: _ => throw new IOException("no space left on device")));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["run.h5"], directory.Entries());
    }

    [Fact]
    public void EnsureWritable_WritableDirectory_SucceedsAndLeavesNothing()
    {
        using var directory = new TempDirectory();

        ResultsFile.EnsureWritable(directory.File("run.h5"));

        Assert.Empty(directory.Entries());
    }

    [Fact]
    public void EnsureWritable_MissingDirectory_ThrowsOneLineIOException()
    {
        using var directory = new TempDirectory();

        var ex = Assert.Throws<IOException>(() => ResultsFile.EnsureWritable(Path.Combine(directory.Path, "nope", "run.h5")));

        Assert.Contains("does not exist", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void EnsureWritable_ParentIsAFile_ThrowsIOException()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("plain"), "x");

        var ex = Assert.Throws<IOException>(() => ResultsFile.EnsureWritable(Path.Combine(directory.Path, "plain", "run.h5")));

        Assert.Contains("is a file, not a directory", ex.Message);
    }

    [Fact]
    public void EnsureWritable_TargetIsDirectory_ThrowsIOException()
    {
        using var directory = new TempDirectory();

        var ex = Assert.Throws<IOException>(() => ResultsFile.EnsureWritable(directory.Path));

        Assert.Contains("is a directory", ex.Message);
    }

    [UnwritableDirectoryFact]
    [UnsupportedOSPlatform("windows")]
    public void EnsureWritable_ReadOnlyDirectory_ThrowsIOException()
    {
        using var directory = new TempDirectory();
        File.SetUnixFileMode(directory.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var ex = Assert.Throws<IOException>(() => ResultsFile.EnsureWritable(directory.File("run.h5")));

        Assert.Contains("not writable", ex.Message);
        Assert.Throws<IOException>(() => ResultsFile.Write(directory.File("run.h5"), SampleRecords.Poisson()));
    }
}
