using System.Globalization;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>
/// <c>pinn submit PLAN [--partition P] [--time T] [--cpus-per-task C] [--mem M] [--max-parallel K] [--only-missing]
/// [--dry-run]</c>: writes the plan's sbatch array script next to it (PLAN with .sbatch) and submits it with sbatch.
/// Nothing but sbatch (and squeue, to refuse a resubmission while tasks still run) runs here.
/// </summary>
public sealed class SubmitCommand : Command<SubmitSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, SubmitSettings s, CancellationToken cancellationToken)
    {
        var plan = PlanFile.Read(s.Plan);
        int cpus = Arguments.Positive("--cpus-per-task", s.CpusPerTask);
        int? maxParallel = s.MaxParallel is null ? null : Arguments.Positive("--max-parallel", s.MaxParallel);
        var indices = s.OnlyMissing
            ? PlanReport.States(plan).Where(r => r.Progress != RunProgress.Done).Select(r => r.Entry.Index).ToArray()
            : plan.Entries.Select(e => e.Index).ToArray();
        var jobName = "pinn-" + PlanNames.Slug($"{Path.GetFileName(plan.Directory)}-{Path.GetFileNameWithoutExtension(plan.File)}");
        var script = new SbatchScript(jobName, SbatchScript.ArrayOf(indices, maxParallel), plan.Directory, plan.File!, PinnProgram.Command(), cpus)
        {
            Partition = s.Partition is null ? null : SbatchScript.CheckName("--partition", s.Partition),
            Time = s.Time is null ? null : SbatchScript.CheckTime(s.Time),
            Mem = s.Mem is null ? null : SbatchScript.CheckMem(s.Mem),
            Account = s.Account is null ? null : SbatchScript.CheckName("--account", s.Account),
            Command = "pinn submit " + ShellWords.Join(context.Arguments.SkipWhile(a => a == "submit")),
        };
        if (indices.Length == 0)
        {
            Console.WriteLine($"nothing to submit: all {plan.Entries.Count} runs are done; tables with 'pinn gather {s.Plan}'");
            return ExitCodes.Ok;
        }
        var path = Path.ChangeExtension(plan.File!, ".sbatch");
        if (s.DryRun)
        {
            Console.Write(script.Text());
            Console.Error.WriteLine($"pinn: dry run: nothing written or submitted; without --dry-run this goes to {path} and sbatch submits it ({indices.Length} runs)");
            return ExitCodes.Ok;
        }
        if (s.OnlyMissing && Slurm.Queued(jobName) is { Count: > 0 } queued)
            throw new InvalidOperationException($"jobs named {jobName} are still queued or running ({string.Join(", ", queued.Take(5))}); wait for them or scancel them before resubmitting the missing runs");
        Directory.CreateDirectory(Path.Combine(plan.Directory, SbatchScript.Logs));
        StudyTable.WriteAtomically(path, script.Text());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var id = Slurm.Submit(path);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"submitted job array {id}: {indices.Length} runs ({script.Array}) from {path}; task logs in {Path.Combine(plan.Directory, SbatchScript.Logs)}"));
        Console.WriteLine($"follow with 'squeue -j {id}'; tables with 'pinn gather {s.Plan}' (any time: it lists the runs not done yet)");
        return ExitCodes.Ok;
    }
}
