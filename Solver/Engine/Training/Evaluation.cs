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

    /// <summary>Evaluates <paramref name="predict"/> on the problem's evaluation points (first output only in the arrays; errors over all outputs).</summary>
    public static Evaluation Compute(Problem problem, Func<Tensor, Tensor> predict, int minimumPoints)
    {
        using var scope = NewDisposeScope();
        var x = problem.Domain.EvaluationPoints(minimumPoints);
        var u = predict(x);
        var exact = problem.ExactAt(x);
        var points = Physics.Points.ToArray(x);
        var prediction = Physics.Points.ToVector(FirstOutput(u));
        if (exact is null) return new Evaluation(points, prediction, null, null);
        // Errors over every output (rows flattened alike); the arrays hold the first output, one value per point.
        var errors = ErrorNorms.Compute(Physics.Points.ToVector(u), Physics.Points.ToVector(exact));
        var perOutput = u.dim() == 2 && u.shape[1] > 1
            ? Enumerable.Range(0, (int)u.shape[1]).Select(k => (problem.OutputName(k),
                ErrorNorms.Compute(Physics.Points.ToVector(u.select(1, k)), Physics.Points.ToVector(exact.select(1, k))))).ToArray()
            : [];
        return new Evaluation(points, prediction, Physics.Points.ToVector(FirstOutput(exact)), errors) { OutputErrors = perOutput };
    }

    private static Tensor FirstOutput(Tensor values) => values.dim() == 1 ? values : values.select(1, 0);

    /// <summary>Only the relative L2 error (cheap, for the history).</summary>
    public static double RelativeL2(Tensor prediction, Tensor exact)
    {
        using var scope = NewDisposeScope();
        return ((prediction - exact).norm() / exact.norm()).item<double>();
    }
}
