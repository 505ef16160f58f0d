using Pinn.Optimizers;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>
/// The iterate with the lowest score among those offered, kept on the host, so that a run can end at its best scored
/// iterate rather than its last. Adaptive sampling's <c>final=best</c> (<see cref="AdaptiveSampling.KeepBest"/>) scores by
/// the mean squared PDE residual over the pools: every draw offers θ at its step with the score it computed anyway (the
/// pools' mean r², summed over the pooled terms), and at the end of the run the last θ is scored the same way and
/// compared. The pools are fixed sets of candidates, so the scores compare like for like; only the residual counts,
/// never an error against a reference solution. Saved with the sampling state, so a resumed run selects the same θ.
/// The singularity stages (<c>StageTrainer</c>) score by max|R̃| on their validation grid.
/// </summary>
/// <remarks>
/// Why: with small batches redrawn every few steps, a quasi-Newton run's error against the exact solution is not
/// monotone late in training (jumps of ten times between checkpoints 500 steps apart were seen on burgers), while the
/// residual on a large fixed pool is a cheap, solution-free estimate of the PDE loss over the whole domain.
/// </remarks>
public sealed class BestIterate
{
    /// <summary>The lowest score offered (+∞ before any).</summary>
    public double Score { get; private set; } = double.PositiveInfinity;

    /// <summary>The global step the best θ was offered at (the steps taken before it; −1 before any).</summary>
    public long Step { get; private set; } = -1;

    /// <summary>The best θ on the host (null before any).</summary>
    public double[]? Theta { get; private set; }

    /// <summary>Keeps a copy of <paramref name="theta"/> when <paramref name="score"/> is finite and below the best so far.</summary>
    public bool Offer(double score, Tensor theta, long step)
    {
        ArgumentNullException.ThrowIfNull(theta);
        if (!double.IsFinite(score) || !(score < Score)) return false;
        Score = score;
        Step = step;
        Theta = theta.detach().cpu().data<double>().ToArray();
        return true;
    }

    /// <summary>
    /// Copies the best θ into <paramref name="theta"/> when its score is below <paramref name="current"/> (the score of θ
    /// as it is) and returns true; otherwise leaves θ alone.
    /// </summary>
    public bool RestoreInto(Tensor theta, double current)
    {
        ArgumentNullException.ThrowIfNull(theta);
        if (Theta is null || !(Score < current)) return false;
        using var saved = tensor(Theta, dtype: ScalarType.Float64).to(theta.device);
        using (no_grad()) theta.copy_(saved);
        return true;
    }

    /// <summary>Writes the best θ, score and step (nothing before any offer).</summary>
    public void Save(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (Theta is null) return;
        state.Set("best.theta", new StateArray([Theta.Length], Theta)).Set("best.score", Score).Set("best.step", Step);
    }

    /// <summary>Restores what <see cref="Save"/> wrote (a state without it: no offer yet).</summary>
    public void Load(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Has("best.theta"))
        {
            (Score, Step, Theta) = (double.PositiveInfinity, -1, null);
            return;
        }
        Theta = PointPool.Saved(state, "best.theta");
        Score = state.Number("best.score");
        Step = state.Integer("best.step");
    }
}
