namespace Pinn.Solver.Training;

/// <summary>
/// Decides whether a training run still has time for another step under a wall-clock budget: it has when the clock
/// plus the longest of the phase's last <see cref="Window"/> steps stays within the budget.
/// </summary>
/// <remarks>
/// Checking only the clock would let a step that starts just before the budget run past it, by up to one step; with
/// NNCG or Hessian-free steps of several seconds that is a visible overshoot. The forecast stops one step earlier
/// instead, so a run ends within its budget unless a step takes longer than every one of the recent steps before it
/// (a phase's first step has no estimate). The window is long enough to hold a periodic expensive step such as
/// NNCG's preconditioner rebuild (every 20 steps by default).
/// </remarks>
public sealed class BudgetForecast
{
    /// <summary>How many of the phase's most recent step durations the forecast keeps.</summary>
    public const int Window = 32;

    private readonly double _budget;
    private readonly Queue<double> _recent = new(Window);

    /// <summary>A forecast for a budget of <paramref name="budget"/> seconds (0: no limit).</summary>
    public BudgetForecast(double budget)
    {
        if (!(budget >= 0)) throw new ArgumentOutOfRangeException(nameof(budget), budget, "the time budget must be zero (no limit) or positive");
        _budget = budget;
    }

    /// <summary>The longest recorded step in the window (0 when none is recorded).</summary>
    public double LongestStep => _recent.Count == 0 ? 0 : _recent.Max();

    /// <summary>Forgets the step durations (a new phase's steps cost differently).</summary>
    public void StartPhase() => _recent.Clear();

    /// <summary>Records the duration of a finished step.</summary>
    public void Record(double seconds)
    {
        if (_recent.Count == Window) _recent.Dequeue();
        _recent.Enqueue(Math.Max(0, seconds));
    }

    /// <summary>True when there is a budget and, at clock time <paramref name="now"/>, the next step would likely end past it.</summary>
    public bool Exhausted(double now) => _budget > 0 && (now >= _budget || now + LongestStep > _budget);
}
