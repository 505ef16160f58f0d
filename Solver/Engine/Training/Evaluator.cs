using Pinn.Physics;
using Pinn.Verification;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

/// <summary>
/// Measures a network's error on one error grid for a whole run: the points and the exact (or reference) values are
/// computed once (a reference solution on 10⁵ points takes a second or more), and predictions are made in chunks of
/// <see cref="Chunk"/> points, so an evaluation's temporaries stay a few megabytes whatever the grid's size.
/// </summary>
public sealed class Evaluator : IDisposable
{
    /// <summary>Points per forward pass.</summary>
    public const int Chunk = 8192;

    private readonly Problem _problem;
    private readonly Tensor _points;
    private readonly Tensor? _exact;

    /// <summary>An evaluator of <paramref name="problem"/>'s error on <paramref name="grid"/>.</summary>
    public Evaluator(Problem problem, ErrorGrid grid)
    {
        _problem = problem ?? throw new ArgumentNullException(nameof(problem));
        Grid = grid ?? throw new ArgumentNullException(nameof(grid));
        using var scope = NewDisposeScope();
        _points = grid.Points().DetachFromDisposeScope();
        using (no_grad()) _exact = problem.ExactAt(_points)?.detach().DetachFromDisposeScope();
    }

    /// <summary>The grid.</summary>
    public ErrorGrid Grid { get; }

    /// <summary>Whether the problem has an exact or reference solution to measure against.</summary>
    public bool HasExact => _exact is not null;

    /// <summary>‖u − u*‖₂ / ‖u*‖₂ over every output (NaN without an exact solution).</summary>
    public double RelativeL2(Func<Tensor, Tensor> predict)
    {
        if (_exact is null) return double.NaN;
        using var scope = NewDisposeScope();
        return Evaluation.RelativeL2(Predict(predict), _exact);
    }

    /// <summary>The full evaluation: points, predictions, exact values and error norms (overall and per output).</summary>
    public Evaluation Compute(Func<Tensor, Tensor> predict)
    {
        using var scope = NewDisposeScope();
        var u = Predict(predict);
        var points = Physics.Points.ToArray(_points);
        var prediction = Physics.Points.ToVector(FirstOutput(u));
        if (_exact is null) return new Evaluation(points, prediction, null, null) { Grid = Grid.Description };
        var errors = ErrorNorms.Compute(Physics.Points.ToVector(u), Physics.Points.ToVector(_exact));
        var perOutput = u.shape[1] > 1
            ? Enumerable.Range(0, (int)u.shape[1]).Select(k => (_problem.OutputName(k),
                ErrorNorms.Compute(Physics.Points.ToVector(u.select(1, k)), Physics.Points.ToVector(_exact.select(1, k))))).ToArray()
            : [];
        return new Evaluation(points, prediction, Physics.Points.ToVector(FirstOutput(_exact)), errors) { OutputErrors = perOutput, Grid = Grid.Description };
    }

    /// <summary>Predictions [N, outputs] in chunks, without gradients.</summary>
    private Tensor Predict(Func<Tensor, Tensor> predict)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var parts = new List<Tensor>();
        long n = _points.shape[0];
        for (long start = 0; start < n; start += Chunk)
        {
            using var chunk = NewDisposeScope();
            var u = predict(_points.slice(0, start, Math.Min(start + Chunk, n), 1)).detach();
            parts.Add((u.dim() == 1 ? u.unsqueeze(1) : u).MoveToOuterDisposeScope());
        }
        return (parts.Count == 1 ? parts[0] : cat(parts.ToArray())).MoveToOuterDisposeScope();
    }

    private static Tensor FirstOutput(Tensor values) => values.select(1, 0);

    /// <inheritdoc />
    public void Dispose()
    {
        _points.Dispose();
        _exact?.Dispose();
    }
}
