using Pinn.Optimizers;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using Pinn.Verification;
using static TorchSharp.torch;

namespace Pinn.Solver.Cli;

/// <summary>
/// Checkpoint files: a results file (the run so far, evaluated now) with a <c>/checkpoint</c> group holding
/// the solve arguments, the position in the optimizer sequence, θ and the optimizer's state.
/// </summary>
public static class Checkpoints
{
    /// <summary>Writes <paramref name="snapshot"/> of <paramref name="job"/> (network <paramref name="net"/>) atomically.</summary>
    public static void Write(string path, TrainingSnapshot snapshot, SolveJob job, Mlp net) =>
        ResultsFile.Write(path, ToRecord(snapshot, job, net));

    /// <summary>The record of a snapshot: the run so far plus the checkpoint part.</summary>
    public static RunRecord ToRecord(TrainingSnapshot snapshot, SolveJob job, Mlp net)
    {
        var evaluation = snapshot.Evaluation
            ?? Evaluation.Compute(job.Problem, x => { using var _ = no_grad(); return net.Forward(net.Parameters, x); }, job.Training.EvaluationPoints);
        var phases = job.Phases.Select(p => new PhaseReport(p.Name, p.Steps, 0, 0, double.NaN, StopReason.None, null)).ToList();
        var loss = snapshot.History.Count > 0 ? snapshot.History[^1].Loss : double.NaN;
        var run = new TrainingRun(job.Problem.Name, OptimizerSpec.Format(job.Phases), net.ParameterCount,
            job.Problem.Terms.Sum(t => (long)t.Sample.Count), snapshot.Step, snapshot.Seconds, loss,
            job.Problem.Terms.Select(t => t.Name).ToArray(), snapshot.History, phases, evaluation)
        {
            Outcome = snapshot.Outcome,
            OutcomeReason = snapshot.OutcomeReason,
            StartLoss = snapshot.StartLoss,
        };
        job.CaptureWeights(net);
        var state = snapshot.OptimizerState;
        var checkpoint = new CheckpointRecord(
            [.. job.SolveArguments], snapshot.Phase, snapshot.DoneInPhase, snapshot.Step, snapshot.Seconds, snapshot.Revision,
            snapshot.Reason, snapshot.Theta, state?.Optimizer ?? "",
            state is null ? [] : Arrays(state))
        { ObjectiveState = snapshot.ObjectiveState is { } objective ? Arrays(objective) : [] };
        return ResultsWriter.ToRecord(run, job) with { Checkpoint = checkpoint };
    }

    private static NamedArray[] Arrays(OptimizerState state) =>
        state.Entries.Select(e => new NamedArray(e.Key, e.Value.Shape, e.Value.Values)).ToArray();

    /// <summary>Reads the checkpoint at <paramref name="path"/> as a snapshot for <paramref name="job"/>.</summary>
    /// <exception cref="UsageException">The file is missing, damaged, not a checkpoint, or does not fit the job.</exception>
    public static TrainingSnapshot Load(string path, SolveJob job)
    {
        var record = Read(path);
        var c = record.Checkpoint!;
        Validate(path, record, job);
        if (c.Phase > job.Phases.Count || (c.Phase < job.Phases.Count && c.DoneInPhase > job.Phases[(int)c.Phase].Steps))
            throw new UsageException($"checkpoint '{path}' is at phase {c.Phase + 1}, step {c.DoneInPhase}, outside the optimizer sequence {OptimizerSpec.Format(job.Phases)}");
        OptimizerState? state = null;
        if (c.Optimizer.Length > 0)
        {
            if (c.Phase >= job.Phases.Count || job.Phases[(int)c.Phase].Name != c.Optimizer)
                throw new UsageException($"checkpoint '{path}' holds the state of '{c.Optimizer}', which is not phase {c.Phase + 1} of {OptimizerSpec.Format(job.Phases)}");
            state = new OptimizerState(c.Optimizer);
            foreach (var a in c.OptimizerState) state.Set(a.Name, new StateArray(a.Shape, a.Values));
        }
        OptimizerState? objective = null;
        if (c.ObjectiveState.Count > 0)
        {
            if (job.Training.Adaptive is null && job.Training.Attention is null)
                throw new UsageException($"checkpoint '{path}' holds adaptive sampling or attention state, but the run has neither --adaptive nor --rba");
            objective = new OptimizerState("adaptive");
            foreach (var a in c.ObjectiveState) objective.Set(a.Name, new StateArray(a.Shape, a.Values));
        }
        else if (job.Training.Adaptive is not null || job.Training.Attention is not null)
            throw new UsageException($"checkpoint '{path}' holds no adaptive sampling or attention state, but the run asks for {(job.Training.Adaptive is null ? "--rba" : "--adaptive")}");
        return new TrainingSnapshot((int)c.Phase, (int)c.DoneInPhase, c.Step, c.Seconds, c.Revision, c.Theta, state,
            History(record.History, job), c.Reason)
        {
            ObjectiveState = objective,
            StartLoss = record.Config.TryGetValue("start_loss", out var start) && start is double loss ? loss : double.NaN,
        };
    }

    /// <summary>
    /// Refuses counters and values a run of <paramref name="job"/> cannot have reached (they pass the checksums only when
    /// the file was rewritten): a step beyond the planned steps or unlike the history's last, a non-finite or negative
    /// time, a non-finite θ or NaN in the optimizer's or objective's state.
    /// </summary>
    private static void Validate(string path, RunRecord record, SolveJob job)
    {
        var c = record.Checkpoint!;
        long planned = job.Phases.Sum(p => (long)p.Steps);
        var history = record.History.Step;
        if (c.Step > planned)
            throw new UsageException($"checkpoint '{path}' is at step {c.Step}, beyond the {planned} steps of {OptimizerSpec.Format(job.Phases)}: the file was edited");
        if (history.Length > 0 && history[^1] != c.Step)
            throw new UsageException($"checkpoint '{path}' is at step {c.Step}, but its history ends at step {history[^1]}: the file was edited");
        if (c.DoneInPhase > c.Step)
            throw new UsageException($"checkpoint '{path}' has {c.DoneInPhase} steps done in its phase but {c.Step} in all: the file was edited");
        if (!double.IsFinite(c.Seconds) || c.Seconds < 0)
            throw new UsageException($"checkpoint '{path}' records {c.Seconds} seconds of training, not a finite time ≥ 0: the file was edited");
        if (c.Theta.Any(v => !double.IsFinite(v)))
            throw new UsageException($"checkpoint '{path}' holds a non-finite parameter in /checkpoint/theta: the file was edited or damaged");
        foreach (var (group, arrays) in new[] { ("optimizer_state", c.OptimizerState), ("objective_state", c.ObjectiveState) })
        {
            if (arrays.FirstOrDefault(a => a.Values.Any(double.IsNaN)) is { } bad)
                throw new UsageException($"checkpoint '{path}' holds NaN in /checkpoint/{group}/{bad.Name}: the file was edited or damaged; resume from an earlier checkpoint or start again");
        }
    }

    /// <summary>Reads a checkpoint file; a results file without a checkpoint is a usage error.</summary>
    public static RunRecord Read(string path)
    {
        RunRecord record;
        try
        {
            record = ResultsFile.Read(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException(e.Message);
        }
        if (record.Checkpoint is null)
            throw new UsageException($"'{path}' is a results file without a checkpoint; write checkpoints with 'pinn solve ... --checkpoint-every N'");
        return record;
    }

    /// <summary>History rows from the stored record; phase indices are recovered in order from the phase names.</summary>
    private static List<HistoryRow> History(HistoryRecord h, SolveJob job)
    {
        var rows = new List<HistoryRow>(h.Step.Length);
        int phase = 0;
        for (int r = 0; r < h.Step.Length; r++)
        {
            while (phase < job.Phases.Count && job.Phases[phase].Name != h.Phase[r]) phase++;
            if (phase == job.Phases.Count) throw new UsageException($"the checkpoint's history names optimizer '{h.Phase[r]}', not in the sequence {OptimizerSpec.Format(job.Phases)}");
            var terms = new double[h.TermLoss.GetLength(1)];
            for (int t = 0; t < terms.Length; t++) terms[t] = h.TermLoss[r, t];
            rows.Add(new HistoryRow(h.Step[r], phase, h.Seconds[r], h.Loss[r], terms, h.RelativeL2[r]));
        }
        return rows;
    }
}
