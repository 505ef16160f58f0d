using Pinn.Solver.Bench;

namespace Pinn.Solver.Cli;

/// <summary>A benchmark suite as a plan: one run per case, labelled by problem and optimizer, under the budget.</summary>
public static class BenchPlan
{
    /// <summary>The plan of <paramref name="cases"/>; run i writes <c>OUT/runs/NNN-PROBLEM-LABEL.h5</c>.</summary>
    public static RunPlan Of(string suite, double budget, IReadOnlyList<BenchCase> cases, string outDirectory, string command, int checkpointEvery)
    {
        var entries = cases.Select((c, i) =>
        {
            var results = PlanNames.Results(outDirectory, i, $"{c.Problem} {c.Label}");
            var request = BenchRunner.Request(c, budget) with { CheckpointEvery = checkpointEvery, Out = results };
            return new PlanEntry(i, [KeyValuePair.Create("problem", c.Problem), KeyValuePair.Create("optimizer", c.Label)], results, request.Arguments());
        }).ToArray();
        return new RunPlan(new PlanHeader(PlanHeader.Bench, outDirectory, command) { Suite = suite, Budget = budget }, entries);
    }
}
