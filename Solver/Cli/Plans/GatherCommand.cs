using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>
/// <c>pinn gather PLAN|DIR</c>: the tables and figures of a plan (the same files <c>pinn study</c> or <c>pinn bench</c>
/// write) from whatever results files exist, and the list of runs that are missing, incomplete or failed; exits 1 while
/// any run is not done.
/// </summary>
public sealed class GatherCommand : Command<GatherSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, GatherSettings s, CancellationToken cancellationToken)
    {
        var file = Locate(s.Plan);
        var plan = PlanFile.Read(file);
        var report = PlanReport.Write(plan, PlanReport.States(plan));
        if (!s.Quiet) Console.WriteLine(report.Markdown);
        foreach (var a in report.Absent) Console.Error.WriteLine($"pinn: {a}");
        int done = plan.Entries.Count - report.Absent.Count;
        Console.Error.WriteLine($"pinn: {done} of {plan.Entries.Count} runs done; wrote {string.Join(", ", report.Files.Select(f => Path.Combine(Path.GetRelativePath(".", plan.OutDirectory), f)))}");
        if (report.Absent.Count > 0)
            Console.Error.WriteLine($"pinn: to run the rest: pinn run-plan {file} --all, or pinn submit {file} --only-missing");
        return report.Absent.Count > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }

    /// <summary>The plan file named by <paramref name="path"/>: the file itself, or the single *.plan file in a folder.</summary>
    public static string Locate(string path)
    {
        if (File.Exists(path)) return path;
        if (!Directory.Exists(path)) throw new UsageException($"'{path}' is neither a plan file nor a folder");
        var plans = Directory.GetFiles(path, "*.plan");
        return plans.Length switch
        {
            1 => plans[0],
            0 => throw new UsageException($"folder '{path}' holds no *.plan file; give the plan file itself"),
            _ => throw new UsageException($"folder '{path}' holds {plans.Length} plan files ({string.Join(", ", plans.Select(Path.GetFileName))}); give one of them"),
        };
    }
}
