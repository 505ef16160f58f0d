using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Pinn.Solver.Cli;

/// <summary>
/// Runs plan lines on this machine, <c>jobs</c> at a time, each as its own <c>pinn run-plan PLAN --index I</c> process:
/// exactly what a Slurm array task runs. Ctrl-C (SIGINT, SIGHUP) reaches the runs from the terminal; SIGTERM sent to
/// this process is passed on to them. Either way no new run starts, and the running ones checkpoint and stop.
/// </summary>
public static class PlanScheduler
{
    private const int SigTerm = 15;

    /// <summary>How a batch of runs ended: the exit code to return (0, 1 when any failed, 130 when interrupted).</summary>
    public sealed record Outcome(int ExitCode, int Started, int Failed, bool Interrupted);

    /// <summary>Runs <paramref name="indices"/> of <paramref name="plan"/> (which must be a file); <paramref name="finished"/> hears each run's state as it ends.</summary>
    public static Outcome Run(RunPlan plan, IReadOnlyList<int> indices, int jobs, Action<RunState, int> finished)
    {
        var file = plan.File ?? throw new InvalidOperationException("a plan must be written to a file before it runs");
        var running = new List<(Process Process, PlanEntry Entry)>();
        bool stopping = false;
        int started = 0, failed = 0, done = 0;
        bool interrupted = false;
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping = true;
            if (context.Signal != PosixSignal.SIGTERM) return;
            lock (running)
                foreach (var (p, _) in running) _ = Kill(p.Id, SigTerm);
        }
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        var queue = new Queue<int>(indices);
        while (running.Count > 0 || (queue.Count > 0 && !stopping))
        {
            while (running.Count < jobs && queue.Count > 0 && !stopping)
            {
                var entry = plan.At(queue.Dequeue());
                var process = Process.Start(PinnProgram.StartInfo(plan.Directory, ["run-plan", file, "--index", entry.Index.ToString(CultureInfo.InvariantCulture)]))!;
                process.OutputDataReceived += (_, _) => { };   // the run's log holds its output
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                lock (running) running.Add((process, entry));
                started++;
            }
            Task.WaitAny(running.Select(r => r.Process.WaitForExitAsync()).ToArray());
            foreach (var r in running.Where(r => r.Process.HasExited).ToArray())
            {
                lock (running) running.Remove(r);
                int code = r.Process.ExitCode;
                r.Process.Dispose();
                var outcome = RunStatus.OutcomeOf(code);
                if (outcome == RunStatus.Interrupted) interrupted = true;
                else if (outcome == RunStatus.Failed) failed++;
                var state = RunState.Of(plan, r.Entry);
                if (outcome == RunStatus.Failed && state.Progress != RunProgress.Failed)
                    state = state with { Progress = RunProgress.Failed, Detail = $"run-plan exited with code {code} (log {r.Entry.Log})" };
                finished(state, ++done);
            }
        }
        interrupted |= stopping;
        return new Outcome(interrupted ? ExitCodes.Interrupted : failed > 0 ? ExitCodes.Failure : ExitCodes.Ok, started, failed, interrupted);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
#pragma warning disable SYSLIB1054   // a plain int call: no marshalling for a source generator to save
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
