using Pinn.Solver.Cli;
using Pinn.Solver.Training;

namespace Pinn.Solver.Bench;

/// <summary>Runs benchmark cases under a wall-clock budget (evaluation time excluded, error recorded at
/// geometrically spaced times so that error-against-time curves cost little).</summary>
public static class BenchRunner
{
    /// <summary>Time ratio between recorded evaluations.</summary>
    public const double EvaluationRatio = 1.1;

    /// <summary>The solve of case <paramref name="c"/> under <paramref name="budget"/> seconds, as typed values.</summary>
    public static SolveRequest Request(BenchCase c, double budget, int seed = 0) => new(c.Problem, c.Spec)
    {
        Hidden = c.Hidden,
        Weights = c.Weights ?? [],
        Hard = c.Hard,
        Periodic = c.Periodic,
        Seed = seed,
        EvaluateTimeRatio = EvaluationRatio,
        Budget = budget,
    };

    /// <summary>The <c>pinn solve</c> command equivalent to <paramref name="c"/> with <paramref name="budget"/>.</summary>
    public static string Command(BenchCase c, double budget) => PlanEntry.CommandOf(Request(c, budget).Arguments());

    /// <summary>The job of a case (validated), for running or for exporting its setup.</summary>
    public static SolveJob Job(BenchCase c, double budget, int seed = 0) => Request(c, budget, seed).Job();

    /// <summary>Runs one case in this process; a failure becomes a result with <see cref="BenchResult.Failure"/> set.</summary>
    public static BenchResult Run(BenchCase c, double budget, CancellationToken cancel)
    {
        var command = Command(c, budget);
        try
        {
            var run = Job(c, budget).Run(SilentProgress.Instance, cancel);
            return BenchResult.Of(c, command, run);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return BenchResult.Failed(c, command, e.Message.Split('\n')[0]);
        }
    }
}
