using System.Diagnostics;

namespace Pinn.Verification.Tests;

/// <summary>Finds and runs command-line tools (h5dump, python3 with h5py) that some tests use when present.</summary>
public static class ExternalTools
{
    private static readonly Lazy<string?> H5DumpPath = new(() => FindOnPath("h5dump"));
    private static readonly Lazy<string?> PythonWithH5pyPath = new(FindPythonWithH5py);

    /// <summary>Full path of h5dump, or null.</summary>
    public static string? H5Dump => H5DumpPath.Value;

    /// <summary>Full path of a python3 that can import h5py, or null.</summary>
    public static string? PythonWithH5py => PythonWithH5pyPath.Value;

    public static (int ExitCode, string Output, string Error) Run(string program, IEnumerable<string> arguments,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in time");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    private static IEnumerable<string> OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .Where(File.Exists);

    private static string? FindOnPath(string name) => OnPath(name).FirstOrDefault();

    private static string? FindPythonWithH5py()
    {
        var candidates = OnPath("python3").Append("/usr/bin/python3").Distinct().Where(File.Exists);
        foreach (var python in candidates)
        {
            try
            {
                if (Run(python, ["-c", "import h5py"], TimeSpan.FromSeconds(20)).ExitCode == 0)
                {
                    return python;
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
            }
        }
        return null;
    }
}
