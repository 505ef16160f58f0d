using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Pinn.Verification;

/// <summary>
/// The toolkit's one way to write a file: to a temporary file <c>.NAME.PID-GUID.tmp</c> in the target's directory,
/// flushed to disk, then renamed over the target. A reader sees the old file or the new one, never half of one; on
/// failure the temporary file is deleted, the target left as it was, and an <see cref="IOException"/> names the path
/// and the cause as the system gave it (e.g. "No space left on device", "Read-only file system").
/// Temporary files that a killed writer left behind (their process no longer runs) are removed on the next write to
/// the same target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes the file at <paramref name="path"/> with <paramref name="write"/>; <paramref name="what"/> names it in errors
    /// (e.g. "results file").</summary>
    /// <exception cref="IOException">The file cannot be written: one line naming the path and the cause.</exception>
    public static void Write(string path, Action<Stream> write, string what = "file") => Write(path, write, what, beforeCommit: null);

    /// <summary><see cref="Write(string, Action{Stream}, string)"/> with a hook called with the complete temporary file
    /// before it is renamed (tests inject failures there).</summary>
    internal static void Write(string path, Action<Stream> write, string what, Action<string>? beforeCommit)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temporary = Temporary(path, what);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            beforeCommit?.Invoke(temporary);
            Commit(temporary, path, what);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Discard(temporary);
            throw ex is IOException io && io.Data.Contains(Marker) ? io : Failure(path, what, ex);
        }
    }

    private const string Marker = "Pinn.AtomicFile";

    /// <summary>Writes <paramref name="text"/> (UTF-8) atomically.</summary>
    public static void WriteAllText(string path, string text, string what = "file") =>
        Write(path, stream => { using var writer = new StreamWriter(stream, leaveOpen: true); writer.Write(text); }, what);

    /// <summary>
    /// A fresh temporary path next to <paramref name="path"/> for a caller that renders several files before
    /// committing them (<see cref="Commit"/>); stale temporary files of the same target are removed first.
    /// </summary>
    public static string Temporary(string path, string what = "file")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target)!;
        RemoveStale(target);
        return Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
    }

    /// <summary>Renames a complete temporary file over <paramref name="path"/>.</summary>
    public static void Commit(string temporary, string path, string what = "file")
    {
        if (Directory.Exists(path))
        {
            throw Failure(path, what, new IOException("it is a directory"));
        }
        try
        {
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure(path, what, ex);
        }
    }

    /// <summary>Deletes a temporary file if it is there (errors ignored: the original failure is the one to report).</summary>
    public static void Discard(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Removes the temporary files of <paramref name="path"/> (<c>.NAME.PID-GUID.tmp</c>) whose process no longer runs,
    /// and those of the older form <c>.NAME.GUID.tmp</c> that are more than a day old; returns how many.
    /// </summary>
    public static int RemoveStale(string path)
    {
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target)!;
        var prefix = $".{Path.GetFileName(target)}.";
        int removed = 0;
        try
        {
            foreach (var file in Directory.EnumerateFiles(directory, $"{prefix}*.tmp"))
            {
                var middle = Path.GetFileName(file)[prefix.Length..^4];
                var dash = middle.IndexOf('-');
                bool stale = dash > 0 && int.TryParse(middle[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    ? pid != Environment.ProcessId && !Running(pid)
                    : dash < 0 && DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > TimeSpan.FromDays(1);
                if (stale)
                {
                    Discard(file);
                    removed++;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable directory: the write that follows reports it.
        }
        return removed;
    }

    /// <summary>The innermost cause of <paramref name="ex"/> on one line (reflection wrappers removed).</summary>
    public static string Cause(Exception ex)
    {
        while (ex is TargetInvocationException or AggregateException or TypeInitializationException && ex.InnerException is not null)
        {
            ex = ex.InnerException!;
        }
        if (ex.InnerException is IOException or UnauthorizedAccessException && ex is not (IOException or UnauthorizedAccessException))
        {
            ex = ex.InnerException;
        }
        var line = ex.Message.Split('\n', 2)[0].Trim().TrimEnd('.');
        return ex is UnauthorizedAccessException ? $"permission denied ({line})" : line;
    }

    private static IOException Failure(string path, string what, Exception ex)
    {
        var failure = new IOException($"cannot write {what} '{path}': {Cause(ex)}", ex);
        failure.Data[Marker] = true;
        return failure;
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
