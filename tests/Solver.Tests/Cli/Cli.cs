using System.Diagnostics;
using Pinn.Solver.Cli;

namespace Pinn.Solver.Tests.Cli;

/// <summary>Runs the <c>pinn</c> command in-process (console swapped) or as a child process.</summary>
internal static class Cli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        try { return (CommandLine.Run(CommandLine.CreateApp(), args), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    /// <summary>The built <c>pinn</c> program next to the test assembly, started with <c>dotnet pinn.dll</c>.</summary>
    public static Process Start(string workingDirectory, params string[] args) => Launch(workingDirectory, ["dotnet", Program, .. args]);

    /// <summary>
    /// As <see cref="Start"/>, with SIGINT and SIGHUP at their default dispositions (coreutils
    /// <c>env --default-signal=INT,HUP</c>). A shell without job control starts background jobs with SIGINT ignored and
    /// <c>nohup</c> starts its command with SIGHUP ignored; the children inherit that, and .NET then leaves the signal
    /// unhandled (as a program started with <c>nohup</c> or <c>&amp;</c> should): a test run started that way would
    /// otherwise never see the signal it sends (measured: the SIGHUP case of the resume test failed under <c>nohup</c>).
    /// </summary>
    public static Process StartInterruptible(string workingDirectory, params string[] args) =>
        Launch(workingDirectory, ["env", "--default-signal=INT,HUP", "dotnet", Program, .. args]);

    /// <summary>Runs the built <c>pinn</c> program in a child process to its end: exit code, standard output and error (both read as they come).</summary>
    public static (int Code, string Out, string Err) RunChild(string workingDirectory, params string[] args)
    {
        using var child = Start(workingDirectory, args);
        var err = child.StandardError.ReadToEndAsync();
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        return (child.ExitCode, output, err.Result);
    }

    private static string Program => Path.Combine(AppContext.BaseDirectory, "pinn.dll");

    /// <summary>Starts <paramref name="command"/> (the program, then its arguments) with its output redirected.</summary>
    private static Process Launch(string workingDirectory, string[] command)
    {
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Skip(1)) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    /// <summary>A fresh empty directory, deleted by the returned handle.</summary>
    public static TemporaryDirectory TemporaryDirectory() => new();
}

internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pinn-test-{Guid.NewGuid():N}")).FullName;
    public string this[string name] => System.IO.Path.Combine(Path, name);
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
