using System.Diagnostics;

namespace Pinn.Solver.Cli;

/// <summary>How to start this <c>pinn</c> program again: <c>dotnet pinn.dll</c>, or the <c>pinn</c> launcher it was started as.</summary>
public static class PinnProgram
{
    /// <summary>The words that start the program (absolute paths), before its arguments.</summary>
    public static IReadOnlyList<string> Command()
    {
        var host = Environment.ProcessPath;
        var dll = Path.Combine(AppContext.BaseDirectory, "pinn.dll");
        if (host is not null && Path.GetFileName(host) == "pinn") return [host];
        if (host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet") return [host, dll];
        return ["dotnet", dll];
    }

    /// <summary>A start of the program with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, output redirected.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments)
    {
        var command = Command();
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Skip(1).Concat(arguments)) start.ArgumentList.Add(a);
        return start;
    }
}
