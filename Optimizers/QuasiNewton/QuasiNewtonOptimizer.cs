using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// What the line-search quasi-Newton optimizers (<see cref="Lbfgs"/>, <see cref="DenseQuasiNewton"/>) share: the
/// iteration of <see cref="LineSearchQuasiNewton"/> around an inverse-Hessian approximation, its checkpoint and its
/// restart. A subclass supplies the approximation, its name and its options.
/// </summary>
public abstract class QuasiNewtonOptimizer : IOptimizer, ICheckpointable, IStabilizable
{
    private readonly IInverseHessianApproximation _model;
    private readonly LineSearchQuasiNewton _iteration;
    private readonly string _modelPrefix;
    private bool _disposed;

    private protected QuasiNewtonOptimizer(
        IInverseHessianApproximation model, string modelPrefix, QuasiNewtonStopRule stopRule, int maxEvaluationsPerStep, bool keepOnRevision)
    {
        _model = model;
        _modelPrefix = modelPrefix;
        _iteration = new LineSearchQuasiNewton(
            model, new StrongWolfeLineSearch(new StrongWolfeOptions { MaxEvaluations = maxEvaluationsPerStep }), stopRule, keepOnRevision);
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>Accepted iterations since the last (re)start.</summary>
    public long Iterations => _iteration.Iterations;

    /// <summary>Why the optimizer stopped, or <see cref="StopReason.None"/>.</summary>
    public StopReason Stop => _iteration.Stop;

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(objective);
        CheckObjective(objective);
        return _iteration.Step(objective, theta);
    }

    /// <summary>Forgets the curvature, the stored point and any stop; the next call starts afresh.</summary>
    public void Reset() => _iteration.Reset();

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _iteration.Dispose();
        _disposed = true;
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public OptimizerState SaveState() => _iteration.Save(new OptimizerState(Name), _modelPrefix);

    /// <inheritdoc />
    /// <remarks>The next <see cref="Step"/> adopts its objective as the saved one when θ equals the saved point and the
    /// objective's revision matches, so the curvature carries over.</remarks>
    public void LoadState(OptimizerState state)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        OptimizerState.Expect(state, Name);
        _iteration.Load(state, _modelPrefix);
    }

    /// <inheritdoc />
    public string Stabilize()
    {
        Reset();
        return $"{_model.Label} {_model.ClearedMessage}; restarting along −g";
    }

    /// <summary>Throws <see cref="ArgumentException"/> when this optimizer cannot work on <paramref name="objective"/>.</summary>
    protected virtual void CheckObjective(IObjective objective)
    {
    }
}
