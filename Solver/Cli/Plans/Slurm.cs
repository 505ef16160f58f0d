using System.Diagnostics;

namespace Pinn.Solver.Cli;

/// <summary>The Slurm commands <c>pinn submit</c> calls: <c>sbatch</c> to submit, <c>squeue</c> to see what still runs.</summary>
public static class Slurm
{
    /// <summary>Submits <paramref name="script"/>; returns the job id. A missing or refusing <c>sbatch</c> is an <see cref="InvalidOperationException"/> that says what to do.</summary>
    public static string Submit(string script)
    {
        var sbatch = Find("sbatch") ?? throw new InvalidOperationException(
            $"sbatch not found on PATH: run 'pinn submit' on a Slurm login node (the script is written at {script}; submit it there with 'sbatch {script}'), or run the plan here with 'pinn run-plan PLAN --all'");
        var (code, output, error) = Run(sbatch, "--parsable", script);
        if (code != 0)
            throw new InvalidOperationException($"sbatch refused the job (exit {code}): {Last(error, output)}; the script is {script}: edit it and submit with 'sbatch {script}', or change the pinn submit options");
        var id = output.Trim().Split('\n')[^1].Split(';')[0].Trim();
        return id.Length > 0 ? id : throw new InvalidOperationException($"sbatch printed no job id ({Last(error, output)})");
    }

    /// <summary>The ids of this user's queued or running jobs named <paramref name="name"/>; empty when <c>squeue</c> is not here.</summary>
    public static IReadOnlyList<string> Queued(string name)
    {
        var squeue = Find("squeue");
        if (squeue is null) return [];
        var (code, output, _) = Run(squeue, "--noheader", "--me", $"--name={name}", "--format=%i");
        return code == 0 ? output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
    }

    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    private static (int Code, string Output, string Error) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    private static string Last(string error, string output)
    {
        var lines = (error.Trim().Length > 0 ? error : output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no message" : string.Join(' ', lines.TakeLast(2));
    }
}
