using Pinn.Optimizers;
using Pinn.Physics;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;

namespace Pinn.Solver.Training;

/// <summary>
/// Trains a network on a problem through a sequence of optimizer phases (e.g. Adam then L-BFGS). The trainer is the
/// builder; one <see cref="TrainingSession"/> per <see cref="Run"/> orchestrates: one dispose scope per step, the
/// history, periodic evaluation against the exact solution, progress, checkpoints, cancellation, recovery from
/// non-finite steps and the verdict on runs that fail; the optimizers and the objective do the mathematics.
/// </summary>
public sealed class Trainer
{
    private readonly Problem _problem;
    private readonly Mlp _network;
    private IReadOnlyList<TrainingPhase>? _phases;
    private TrainingOptions _options = new();
    private IProgressSink _progress = SilentProgress.Instance;
    private TrainingSnapshot? _resume;
    private int _checkpointEvery;
    private Action<TrainingSnapshot>? _checkpoint;
    private readonly List<ITrainingHook> _hooks = [];

    private Trainer(Problem problem, Mlp network)
    {
        _problem = problem;
        _network = network;
    }

    /// <summary>A trainer for <paramref name="network"/> on <paramref name="problem"/>.</summary>
    public static Trainer For(Problem problem, Mlp network) => new(problem, network);

    /// <summary>The optimizer sequence, e.g. <c>adam:1000,lbfgs:1000</c>, from <paramref name="catalog"/>
    /// (<see cref="OptimizerCatalog.Default"/> when null). Without any <c>Using</c>, the run is <c>adam:1000,lbfgs:1000</c>.</summary>
    public Trainer Using(string spec, OptimizerCatalog? catalog = null) => Using(TrainingPhase.Parse(spec, catalog));

    /// <summary>The optimizer sequence as parsed phases, built by <paramref name="catalog"/> (<see cref="OptimizerCatalog.Default"/> when null).</summary>
    public Trainer Using(IReadOnlyList<OptimizerPhase> phases, OptimizerCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(phases);
        return Using([.. phases.Select(p => TrainingPhase.FromCatalog(p, catalog ?? OptimizerCatalog.Default))]);
    }

    /// <summary>One phase: <paramref name="steps"/> steps of an optimizer object you built (e.g. <c>new Lbfgs(new LbfgsOptions { History = 20 })</c>).
    /// You keep owning it: the run neither disposes nor replaces it.</summary>
    public Trainer Using(IOptimizer optimizer, int steps) => Using([TrainingPhase.Of(optimizer, steps)]);

    /// <summary>One phase: <paramref name="steps"/> steps of optimizers from <paramref name="create"/> (a fresh one after a non-finite step).</summary>
    public Trainer Using(Func<IOptimizer> create, int steps) => Using([TrainingPhase.Of(create, steps)]);

    /// <summary>The optimizer sequence as phases (objects, factories or catalogue entries, in any mix).</summary>
    public Trainer Using(params IReadOnlyList<TrainingPhase> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        if (phases.Count == 0) throw new ArgumentException("give at least one training phase", nameof(phases));
        _phases = [.. phases];
        return this;
    }

    /// <summary>Run options (seed, evaluation and resampling schedule).</summary>
    public Trainer With(TrainingOptions options) { _options = options; return this; }

    /// <summary>Where progress goes.</summary>
    public Trainer Reporting(IProgressSink progress) { _progress = progress; return this; }

    /// <summary>Adds a per-step hook (after the built-in resampling and causal weighting, in the order added).</summary>
    public Trainer WithHook(ITrainingHook hook) { _hooks.Add(hook ?? throw new ArgumentNullException(nameof(hook))); return this; }

    /// <summary>
    /// Hands a snapshot to <paramref name="write"/> every <paramref name="every"/> steps (0: never
    /// periodically) and always when the run is interrupted or fails.
    /// </summary>
    public Trainer Checkpointing(int every, Action<TrainingSnapshot> write)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(every);
        _checkpointEvery = every;
        _checkpoint = write ?? throw new ArgumentNullException(nameof(write));
        return this;
    }

    /// <summary>Continues from <paramref name="snapshot"/> (same problem, network shape, phases and options).</summary>
    public Trainer ResumingFrom(TrainingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Theta.Length != _network.ParameterCount)
            throw new ArgumentException($"the checkpoint holds {snapshot.Theta.Length} parameters but the network has {_network.ParameterCount}");
        _resume = snapshot;
        return this;
    }

    /// <summary>Trains; the network's parameters hold the result afterwards. Cancelling <paramref name="cancel"/>
    /// stops after the current step with a checkpoint. A failed run (<see cref="TrainingOutcomes.IsFailure"/>) returns
    /// with its outcome and reason set and θ at its last good point.</summary>
    public TrainingRun Run(CancellationToken cancel = default)
    {
        var phases = _phases ?? TrainingPhase.Parse("adam:1000,lbfgs:1000");
        if (_resume is not null && _resume.Phase > phases.Count)
            throw new ArgumentException($"the checkpoint is at phase {_resume.Phase + 1} but the sequence has {phases.Count} phases");
        if (_options.Adaptive is not null && _options.ResampleEvery > 0)
            throw new ArgumentException("adaptive sampling draws the interior points from a pool; it cannot be combined with resampling every N steps");
        var settings = new TrainingSession.Settings(_problem, _network, phases, _options, _progress, _resume, _checkpointEvery, _checkpoint, _hooks.ToArray());
        using var session = new TrainingSession(settings);
        return session.Run(cancel);
    }
}
