using System.Globalization;
using Pinn.Solver.Cli;
using Pinn.Solver.Training;

namespace Pinn.Solver.Bench;

/// <summary>Runs benchmark cases under a wall-clock budget (evaluation time excluded, error recorded at
/// geometrically spaced times so that error-against-time curves cost little).</summary>
public static class BenchRunner
{
    /// <summary>Time ratio between recorded evaluations.</summary>
    public const double EvaluationRatio = 1.1;

    /// <summary>The <c>pinn solve</c> command equivalent to <paramref name="c"/> with <paramref name="budget"/>.</summary>
    public static string Command(BenchCase c, double budget) =>
        string.Create(CultureInfo.InvariantCulture, $"pinn solve {c.Problem} --optimizer {c.Spec}")
        + (c.Hidden is null ? "" : $" --hidden {c.Hidden}")
        + string.Concat((c.Weights ?? []).Select(w => $" --weight {w}"))
        + (c.Hard ? " --hard" : "") + (c.Periodic ? " --periodic" : "")
        + string.Create(CultureInfo.InvariantCulture, $" --budget {budget}");

    /// <summary>The job of a case (validated), for running or for exporting its setup.</summary>
    public static SolveJob Job(BenchCase c, double budget, int seed = 0)
    {
        var settings = new SolveSettings
        {
            Problem = c.Problem,
            Optimizer = c.Spec,
            Hidden = c.Hidden,
            Weights = c.Weights ?? [],
            Hard = c.Hard,
            Periodic = c.Periodic,
            EvalEvery = "0",
            Seed = seed.ToString(CultureInfo.InvariantCulture),
            Budget = budget.ToString("R", CultureInfo.InvariantCulture),
            Quiet = true,
        };
        var job = SolveJob.FromSettings(settings, ["solve", c.Problem]);
        return job with { Training = job.Training with { EvaluateTimeRatio = EvaluationRatio } };
    }

    /// <summary>Runs one case; a failure becomes a result with <see cref="BenchResult.Failure"/> set.</summary>
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
            return new BenchResult(c, command, 0, 0, 0, double.NaN, double.NaN, double.NaN, [], e.Message.Split('\n')[0]);
        }
    }
}
