using System.Diagnostics;
using Pinn.Optimizers;
using Pinn.Physics;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

/// <summary>
/// Trains a network on a problem through a sequence of optimizer phases (e.g. Adam then L-BFGS).
/// The trainer orchestrates: one dispose scope per step, the history, periodic evaluation against the
/// exact solution and progress; the optimizers and the objective do the mathematics.
/// </summary>
public sealed class Trainer
{
    private const int EventInterval = 50;
    private readonly Problem _problem;
    private readonly Mlp _network;
    private IReadOnlyList<OptimizerPhase> _phases = OptimizerSpec.Parse("adam:1000,lbfgs:1000");
    private TrainingOptions _options = new();
    private IProgressSink _progress = SilentProgress.Instance;

    private Trainer(Problem problem, Mlp network)
    {
        NativeMemory.Tune();
        _problem = problem;
        _network = network;
    }

    /// <summary>A trainer for <paramref name="network"/> on <paramref name="problem"/>.</summary>
    public static Trainer For(Problem problem, Mlp network) => new(problem, network);

    /// <summary>The optimizer sequence, e.g. <c>adam:1000,lbfgs:1000</c>.</summary>
    public Trainer Using(string spec) { _phases = OptimizerSpec.Parse(spec); return this; }

    /// <summary>The optimizer sequence as parsed phases.</summary>
    public Trainer Using(IReadOnlyList<OptimizerPhase> phases) { _phases = phases; return this; }

    /// <summary>Run options (seed, evaluation and resampling schedule).</summary>
    public Trainer With(TrainingOptions options) { _options = options; return this; }

    /// <summary>Where progress goes.</summary>
    public Trainer Reporting(IProgressSink progress) { _progress = progress; return this; }

    /// <summary>Trains; the network's parameters hold the result afterwards.</summary>
    public TrainingRun Run()
    {
        foreach (var p in _phases) OptimizerCatalog.Default.Create(p).Dispose();   // validate every phase before starting
        using var runScope = NewDisposeScope();   // catches every temporary made outside the per-step scopes
        using var objective = new PinnObjective(_problem, _network, _options.Seed);
        using var evalPoints = _problem.Domain.EvaluationPoints(_options.EvaluationPoints).DetachFromDisposeScope();
        using var exact = _problem.ExactAt(evalPoints)?.DetachFromDisposeScope();
        var theta = _network.Parameters;
        long total = _phases.Sum(p => (long)p.Steps), step = 0;
        var history = new List<HistoryRow>();
        var reports = new List<PhaseReport>();
        var clock = Stopwatch.StartNew();
        double loss = double.NaN;
        long lastEvent = -EventInterval;

        for (int i = 0; i < _phases.Count; i++)
        {
            var phase = _phases[i];
            using var optimizer = OptimizerCatalog.Default.Create(phase);
            _progress.PhaseStarted(i, phase.Name, phase.Steps);
            double phaseStart = clock.Elapsed.TotalSeconds;
            StepResult result = new(double.NaN, 0);
            int done = 0;
            while (done < phase.Steps)
            {
                using var scope = NewDisposeScope();
                if (_options.ResampleEvery > 0 && step > 0 && step % _options.ResampleEvery == 0) objective.Resample();
                result = optimizer.Step(objective, theta);
                done++;
                step++;
                loss = result.Loss;
                bool last = done == phase.Steps || result.Stop != StopReason.None;
                double rel = double.NaN;
                if (exact is not null && ((_options.EvaluateEvery > 0 && step % _options.EvaluateEvery == 0) || last))
                    rel = Evaluation.RelativeL2(objective.Predict(theta, evalPoints), exact);
                var row = new HistoryRow(step, i, clock.Elapsed.TotalSeconds, result.Loss, objective.LastTermLosses.ToArray(), rel);
                history.Add(row);
                _progress.Step(row, total);
                if (result.Stop == StopReason.None && result.Message is not null && step - lastEvent >= EventInterval)
                {
                    // Rejected steps, raised damping and the like: logged, at most once every EventInterval steps.
                    _progress.Event($"{phase.Name} step {step}: {result.Message}");
                    lastEvent = step;
                }
                if (result.Stop != StopReason.None)
                {
                    _progress.Event($"{phase.Name} stopped after {done} steps: {result.Message ?? result.Stop.ToString()}");
                    break;
                }
            }
            reports.Add(new PhaseReport(phase.Name, phase.Steps, done, clock.Elapsed.TotalSeconds - phaseStart, result.Loss, result.Stop, result.Message));
        }

        double seconds = clock.Elapsed.TotalSeconds;
        double finalLoss = objective.Value(theta);
        var evaluation = Evaluation.Compute(_problem, x => objective.Predict(theta, x), _options.EvaluationPoints);
        return new TrainingRun(_problem.Name, OptimizerSpec.Format(_phases), _network.ParameterCount, objective.ResidualCount,
            step, seconds, finalLoss, objective.TermNames, history, reports, evaluation);
    }
}
