using System.Diagnostics;
using System.Globalization;
using Pinn.Solver.Training;

namespace Pinn.Solver.Cli;

/// <summary>
/// Progress on stderr: a live status line (step, loss, rel. L2, steps/s, ETA) rewritten in place on a
/// terminal; plain log lines every <c>logEvery</c> steps when stderr is redirected. With a time budget (seconds, 0: none)
/// the ETA is the sooner of the remaining steps at the current rate and the budget's end.
/// </summary>
public sealed class ConsoleProgress(bool live, int logEvery, double budget = 0) : IProgressSink
{
    private readonly TextWriter _err = Console.Error;
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private double _lastRelL2 = double.NaN;
    private string _optimizer = "";
    private bool _lineOpen;

    /// <summary>Live on a terminal, log lines otherwise.</summary>
    public static ConsoleProgress ForStderr(int logEvery, double budget = 0) => new(!Console.IsErrorRedirected, Math.Max(1, logEvery), budget);

    /// <inheritdoc />
    public void PhaseStarted(int phase, string optimizer, int steps)
    {
        CloseLine();
        _optimizer = optimizer;
        _err.WriteLine($"phase {phase + 1}: {optimizer}, {steps} steps");
    }

    /// <inheritdoc />
    public void Step(HistoryRow row, long totalSteps)
    {
        if (!double.IsNaN(row.RelativeL2)) _lastRelL2 = row.RelativeL2;
        double rate = row.Seconds > 0 ? row.Step / row.Seconds : 0;
        double eta = rate > 0 ? (totalSteps - row.Step) / rate : 0;
        if (budget > 0) eta = Math.Max(0, Math.Min(eta, budget - row.Seconds));
        string line = string.Format(CultureInfo.InvariantCulture,
            "{0,-8} step {1,7}/{2}  loss {3,11:E4}  rel.L2 {4,11:E4}  {5,7:F1} steps/s  {6,7:F1} s  ETA {7:F0} s  rss {8} MB",
            _optimizer, row.Step, totalSteps, row.Loss, _lastRelL2, rate, row.Seconds, eta, Environment.WorkingSet >> 20);
        if (!double.IsNaN(row.CausalMinWeight)) line += string.Create(CultureInfo.InvariantCulture, $"  causal min w {row.CausalMinWeight:E2}");
        if (live)
        {
            if (_sinceDraw.ElapsedMilliseconds < 100 && row.Step != totalSteps) return;
            _sinceDraw.Restart();
            _err.Write("\r" + line);
            _lineOpen = true;
        }
        else if (row.Step % logEvery == 0)
            _err.WriteLine(line);
    }

    /// <inheritdoc />
    public void Event(string message)
    {
        CloseLine();
        _err.WriteLine(message);
    }

    /// <summary>Ends the live line.</summary>
    public void CloseLine()
    {
        if (!_lineOpen) return;
        _err.WriteLine();
        _lineOpen = false;
    }
}
