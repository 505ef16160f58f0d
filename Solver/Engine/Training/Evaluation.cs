using Pinn.Physics;
using Pinn.Verification;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

/// <summary>The network against the exact solution on evaluation points.</summary>
public sealed record Evaluation(double[,] Points, double[] Prediction, double[]? Exact, ErrorReport? Errors)
{
    /// <summary>For a system (more than one output): the norms of each output on its own, named by
    /// <see cref="Problem.OutputNames"/>; empty for one output or without an exact solution.</summary>
    public IReadOnlyList<(string Name, ErrorReport Errors)> OutputErrors { get; init; } = [];

    /// <summary>The grid the points form, in words (<see cref="ErrorGrid.Description"/>).</summary>
    public string Grid { get; init; } = "";

    /// <summary>
    /// Evaluates <paramref name="predict"/> on the problem's error grid (first output only in the arrays; errors over
    /// all outputs), or, with <paramref name="minimumPoints"/> &gt; 0, on a closed grid of at least that many points.
    /// </summary>
    public static Evaluation Compute(Problem problem, Func<Tensor, Tensor> predict, int minimumPoints = 0)
    {
        using var evaluator = new Evaluator(problem, GridFor(problem, minimumPoints));
        return evaluator.Compute(predict);
    }

    /// <summary>The problem's error grid, or a closed grid of at least <paramref name="minimumPoints"/> points when that is positive.</summary>
    public static ErrorGrid GridFor(Problem problem, int minimumPoints) =>
        minimumPoints > 0 ? ErrorGrid.Default(problem.Domain, minimumPoints) : problem.ErrorGrid;

    /// <summary>Only the relative L2 error (cheap, for the history).</summary>
    public static double RelativeL2(Tensor prediction, Tensor exact)
    {
        using var scope = NewDisposeScope();
        return ((prediction - exact).norm() / exact.norm()).item<double>();
    }
}
