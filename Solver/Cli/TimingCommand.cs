using Pinn.Optimizers;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Pinn.Problems;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Pinn.Solver.Cli;

/// <summary>
/// <c>pinn timing PROBLEM</c>: where the time of a step goes. Times the loss, the loss and gradient,
/// the residuals and Jacobian, the Gramian JᵀJ and its Cholesky solve at the initial parameters, and
/// prints one JSON object of milliseconds per call (medians of batches, after a warm-up).
/// </summary>
public sealed class TimingCommand : Command<TimingSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, TimingSettings s, CancellationToken cancellationToken)
    {
        IBenchmarkProblem entry;
        int repeat, threads;
        int[] hidden;
        try
        {
            entry = ProblemCatalog.Get(s.Problem);
            repeat = Arguments.Positive("--repeat", s.Repeat);
            threads = Arguments.Positive("--threads", s.Threads);
            hidden = s.Hidden is null ? entry.DefaultHidden : Arguments.PositiveList("--hidden", s.Hidden);
        }
        catch (ArgumentException e) { throw new UsageException(e.Message); }

        if (threads > Limits.MaxThreads) throw new UsageException($"--threads may be at most {Limits.MaxThreads} (got {threads})");
        var problem = entry.Create(new ProblemOptions());
        // It times the Jacobian, the Gramian and its solve: bounded as an engd run on the same network.
        Limits.Check(problem, new MlpOptions(problem.Domain.Dimension, hidden, problem.Outputs),
            [new OptimizerPhase("engd", 1, new Dictionary<string, string>())], null, null, new ProblemOptions(), Limits.AvailableBytes, hasMaxMemoryOption: false);
        set_num_threads(threads);
        var bounds = problem.Domain.Bounds;
        using var net = new Mlp(new MlpOptions(problem.Domain.Dimension, hidden, problem.Outputs), bounds.Lower, bounds.Upper);
        using var objective = new PinnObjective(problem, net);
        var theta = net.Parameters;
        long p = net.ParameterCount;
        var result = new JsonObject
        {
            ["problem"] = problem.Name,
            ["hidden"] = new JsonArray(hidden.Select(h => (JsonNode)h).ToArray()),
            ["parameters"] = p,
            ["residuals"] = objective.ResidualCount,
            ["threads"] = threads,
            ["loss_ms"] = Milliseconds(repeat, () => objective.Value(theta)),
            ["loss_and_gradient_ms"] = Milliseconds(repeat, () => objective.ValueAndGradient(theta)),
            ["residuals_and_jacobian_ms"] = Milliseconds(repeat, () => objective.ResidualsAndJacobian(theta)),
        };
        if (p <= 20_000)
        {
            using var j = objective.ResidualsAndJacobian(theta).Jacobian.DetachFromDisposeScope();
            using var g = j.t().matmul(j).DetachFromDisposeScope();
            using var rhs = randn(p, 1, dtype: ScalarType.Float64).DetachFromDisposeScope();
            using var damped = (g + eye(p, dtype: ScalarType.Float64) * 1e-10).DetachFromDisposeScope();
            result["gramian_ms"] = Milliseconds(repeat, () => j.t().matmul(j));
            result["cholesky_solve_ms"] = Milliseconds(repeat, () => cholesky_solve(rhs, linalg.cholesky(damped)));
        }
        Console.WriteLine(result.ToJsonString());
        return ExitCodes.Ok;
    }

    /// <summary>Median over 5 batches of the mean time per call, after a warm-up batch.</summary>
    private static double Milliseconds(int repeat, Action action)
    {
        int batch = Math.Max(1, repeat / 5);
        var samples = new List<double>();
        for (int b = -1; b < 5; b++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < batch; i++)
            {
                using var scope = NewDisposeScope();
                action();
            }
            if (b >= 0) samples.Add(clock.Elapsed.TotalMilliseconds / batch);
        }
        samples.Sort();
        return Math.Round(samples[2], 3);
    }
}
