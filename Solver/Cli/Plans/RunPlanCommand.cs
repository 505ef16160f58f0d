using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>
/// <c>pinn run-plan PLAN --index I</c> runs one line of a plan (a Slurm array task); <c>pinn run-plan PLAN --all
/// [--jobs N]</c> runs every line that is not done on this machine, each as such a task.
/// </summary>
public sealed class RunPlanCommand : Command<RunPlanSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, RunPlanSettings s, CancellationToken cancellationToken)
    {
        if ((s.Index is null) == !s.All) throw new UsageException("give either --index I (one run) or --all (every run)");
        var plan = PlanFile.Read(s.Plan);
        if (s.Index is not null) return PlanTask.Run(plan, Arguments.NonNegative("--index", s.Index));
        int jobs = Arguments.Positive("--jobs", s.Jobs);
        var todo = PlanReport.States(plan).Where(r => r.Progress != RunProgress.Done).Select(r => r.Entry.Index).ToArray();
        if (!s.Quiet) Console.Error.WriteLine($"pinn: {todo.Length} of {plan.Entries.Count} runs to do, {jobs} at a time");
        var outcome = PlanScheduler.Run(plan, todo, jobs, (state, done) =>
        {
            if (!s.Quiet) Console.Error.WriteLine($"run {state.Entry.Index} ({done}/{todo.Length}): {LocalPlan.Line(state)}");
        });
        Console.WriteLine(outcome.Interrupted
            ? $"interrupted: the running runs checkpointed; continue with 'pinn run-plan {s.Plan} --all'"
            : $"{outcome.Started - outcome.Failed} of {outcome.Started} runs done{(outcome.Failed > 0 ? $", {outcome.Failed} failed (see their logs)" : "")}; tables with 'pinn gather {s.Plan}'");
        return outcome.ExitCode;
    }
}
