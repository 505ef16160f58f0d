namespace Pinn.Solver.Cli;

/// <summary>A plan: its header and its runs, with paths resolved against the folder of the plan file.</summary>
public sealed record RunPlan(PlanHeader Header, IReadOnlyList<PlanEntry> Entries)
{
    /// <summary>The plan file's folder, to which every path of the plan is relative (the current folder until written or read).</summary>
    public string Directory { get; init; } = System.IO.Directory.GetCurrentDirectory();

    /// <summary>The plan file, once written or read.</summary>
    public string? File { get; init; }

    /// <summary>The absolute path of <paramref name="relative"/>, a path of the plan.</summary>
    public string Resolve(string relative) => Path.GetFullPath(Path.Combine(Directory, relative));

    /// <summary>The folder of the tables and figures.</summary>
    public string OutDirectory => Resolve(Header.Out);

    /// <summary>The run at <paramref name="index"/>, or a usage error naming the valid range.</summary>
    public PlanEntry At(int index) => index >= 0 && index < Entries.Count ? Entries[index]
        : throw new UsageException($"--index {index} is outside the plan's runs 0..{Entries.Count - 1}");

    /// <summary>
    /// Moves the plan's paths to a plan file at <paramref name="file"/>: paths that were relative to <see cref="Directory"/>
    /// become relative to the file's folder, in the header and in every run's arguments.
    /// </summary>
    public RunPlan RelocatedTo(string file)
    {
        var full = Path.GetFullPath(file);
        var folder = Path.GetDirectoryName(full)!;
        string Move(string path) => Path.GetRelativePath(folder, Resolve(path));
        var entries = Entries.Select(e => e with
        {
            Results = Move(e.Results),
            Arguments = e.Arguments.Select((a, i) => i > 0 && e.Arguments[i - 1] == "--out" ? Move(a) : a).ToArray(),
        }).ToArray();
        return new RunPlan(Header with { Out = Move(Header.Out) }, entries) { Directory = folder, File = full };
    }
}
