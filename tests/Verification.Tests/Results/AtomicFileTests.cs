using System.Reflection;

namespace Pinn.Verification.Tests;

public class AtomicFileTests
{
    [Fact]
    public void Write_RemovesTemporaryFilesOfDeadWriters_KeepsOthers()
    {
        using var directory = new TempDirectory();
        var target = directory.File("run.h5");
        using var finished = System.Diagnostics.Process.Start("true")!;
        finished.WaitForExit();
        var stale = directory.File($".run.h5.{finished.Id}-{Guid.NewGuid():N}.tmp");          // a writer killed mid-write
        var live = directory.File($".run.h5.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");  // this process: in use
        var other = directory.File($".other.h5.{finished.Id}-{Guid.NewGuid():N}.tmp");        // another target's
        foreach (var path in new[] { stale, live, other }) File.WriteAllText(path, "partial");

        AtomicFile.WriteAllText(target, "complete");

        Assert.Equal("complete", File.ReadAllText(target));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(other));
    }

    [Theory]
    [InlineData("No space left on device : '/data/run.h5'", "No space left on device")]
    [InlineData("Read-only file system : '/data/run.h5'", "Read-only file system")]
    public void Write_FailureInsideAReflectionCall_NamesTheCauseNotTheWrapper(string cause, string expected)
    {
        using var directory = new TempDirectory();
        var ex = Assert.Throws<IOException>(() => AtomicFile.Write(directory.File("run.h5"),
            _ => throw new TargetInvocationException(new IOException(cause)), "results file"));

        Assert.Contains(expected, ex.Message);
        Assert.StartsWith($"cannot write results file '{directory.File("run.h5")}'", ex.Message);
        Assert.DoesNotContain("target of an invocation", ex.Message);
        Assert.Empty(directory.Entries());
    }

    [Fact]
    public void Write_ToAFullDevice_NamesNoSpaceLeft()
    {
        // /dev/full answers every write with ENOSPC: the rename target is there, the temporary file goes next to it, so
        // write through a stream on /dev/full to see the system's own message come through.
        if (!File.Exists("/dev/full")) return;
        using var directory = new TempDirectory();
        var ex = Assert.Throws<IOException>(() => AtomicFile.Write(directory.File("run.h5"), _ =>
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
            full.Write(new byte[4096]);
            full.Flush();
        }, "results file"));

        Assert.Contains("No space left on device", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
