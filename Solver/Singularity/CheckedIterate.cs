using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The parameters of a stage at the checked step with the smallest max|R̃| (a copy, owned and disposed here), so that a
/// stage can return its best checked iterate rather than its last (<see cref="StageTrainer"/>).
/// </summary>
public sealed class CheckedIterate : IDisposable
{
    private Tensor? _theta;

    /// <summary>The smallest max|R̃| offered so far (+∞ before any).</summary>
    public double Max { get; private set; } = double.PositiveInfinity;

    /// <summary>The step of that iterate (0 before any).</summary>
    public int Step { get; private set; }

    /// <summary>Keeps a copy of <paramref name="theta"/> when <paramref name="max"/> is finite and smaller than every earlier offer.</summary>
    public void Offer(Tensor theta, double max, int step)
    {
        if (!(max < Max)) return;
        _theta?.Dispose();
        _theta = theta.detach().clone();
        (Max, Step) = (max, step);
    }

    /// <summary>
    /// Copies the kept iterate into <paramref name="theta"/> when its max|R̃| is smaller than <paramref name="current"/>
    /// (that of θ as it is) and returns it; otherwise leaves θ alone and returns null.
    /// </summary>
    public (int Step, double Max)? Restore(Tensor theta, double current)
    {
        if (_theta is null || !(Max < current)) return null;
        using (no_grad()) theta.copy_(_theta);
        return (Step, Max);
    }

    /// <inheritdoc />
    public void Dispose() => _theta?.Dispose();
}
