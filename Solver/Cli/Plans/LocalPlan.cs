using System.Globalization;

namespace Pinn.Solver.Cli;

/// <summary>
/// What <c>pinn study</c> and <c>pinn bench</c> do with their plan: with <c>--plan FILE</c> write it and say how to run
/// it; otherwise write it into the out folder and run every line here, afresh, through <see cref="PlanScheduler"/>
/// (the same processes a cluster runs).
/// </summary>
public static class LocalPlan
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Writes <paramref name="plan"/> to <paramref name="file"/> and prints how to run, submit and gather it.</summary>
    public static int Announce(string file, RunPlan plan)
    {
        var written = PlanFile.Write(file, plan);
        Console.WriteLine($"wrote {file}: {plan.Entries.Count} runs, results under {Path.Combine(Path.GetRelativePath(".", written.OutDirectory), "runs")}");
        Console.WriteLine($"  run here:   pinn run-plan {file} --all [--jobs N]");
        Console.WriteLine($"  on Slurm:   pinn submit {file} [--partition P] [--time HH:MM:SS] [--mem M]");
        Console.WriteLine($"  tables:     pinn gather {file}");
        if (!plan.Entries[0].Arguments.Contains("--checkpoint-every"))
            Console.Error.WriteLine("pinn: note: no periodic checkpoints (--checkpoint-every 0): a run stopped by a signal checkpoints, one killed outright (SIGKILL, node failure) restarts from step 0");
        return ExitCodes.Ok;
    }

    /// <summary>Writes <paramref name="plan"/> to <paramref name="file"/>, clears what earlier runs of its lines left, and runs them all here.</summary>
    public static (RunPlan Plan, PlanScheduler.Outcome Outcome) Run(RunPlan plan, string file, int jobs, bool quiet, string kind)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot create --out directory '{Path.GetDirectoryName(file)}': {e.Message}");
        }
        var written = PlanFile.Write(file, plan);
        foreach (var e in written.Entries)
            foreach (var path in new[] { e.Results, e.Checkpoint, e.Status, e.Log }.Select(written.Resolve).Where(File.Exists)) File.Delete(path);
        var outcome = PlanScheduler.Run(written, written.Entries.Select(e => e.Index).ToArray(), jobs, (state, done) =>
        {
            if (!quiet) Console.Error.WriteLine($"{kind} {done}/{written.Entries.Count}: {Line(state)}");
        });
        if (outcome.Interrupted)
            Console.Error.WriteLine($"pinn: {kind} interrupted; finished runs are kept and the others checkpointed: continue with 'pinn run-plan {file} --all', then 'pinn gather {file}'");
        return (written, outcome);
    }

    /// <summary>One line for a finished run: its label and errors, or why it has none.</summary>
    public static string Line(RunState s) => s.Record is { } r && s.Progress == RunProgress.Done
        ? string.Create(C, $"{s.Entry.Label}  rel. L2 {r.Number("rel_l2"):E3}  loss {r.Number("loss"):E3}  {r.Integer("steps")} steps  {r.Number("seconds"):F1} s")
        : $"{s.Entry.Label}  {s.Progress.ToString().ToLowerInvariant()}: {s.Detail}";
}
