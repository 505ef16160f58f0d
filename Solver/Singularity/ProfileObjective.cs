using Pinn.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The least-squares objective of one stage of a profile fit: L(θ') = ‖r(θ')‖² over θ' = [θ, λ] (λ trained
/// with the network: its own Jacobian column) or θ' = θ (λ held fixed: search mode). Rows are those of
/// <see cref="ProfileLinearization"/> at the current collocation points (a sum of squares: Gauss–Newton
/// steps do not depend on an overall scale); the points can be changed (adaptive resampling), which bumps <see cref="Revision"/>.
/// </summary>
public sealed class ProfileObjective : IResidualObjective, IDisposable
{
    private readonly ProfileLinearization _rows;
    private Tensor _points;
    private long _revision;

    /// <summary>The objective; <paramref name="fixedLambda"/> is λ when it is held fixed, null when λ is trained (last entry of θ').</summary>
    public ProfileObjective(ProfileLinearization rows, long networkParameters, double[] points, double? fixedLambda)
    {
        _rows = rows;
        NetworkParameterCount = networkParameters;
        FixedLambda = fixedLambda;
        _points = PointsTensor(points);
    }

    /// <summary>λ when held fixed; null when trained.</summary>
    public double? FixedLambda { get; }

    /// <summary>P of the trainable network.</summary>
    public long NetworkParameterCount { get; }

    /// <inheritdoc />
    public long ParameterCount => NetworkParameterCount + (FixedLambda is null ? 1 : 0);

    /// <inheritdoc />
    public long ResidualCount => ProfileLinearization.RowsPerPoint * _points.shape[0] + ProfileLinearization.ConditionRows;

    /// <inheritdoc />
    public long Revision => _revision;

    /// <summary>The collocation points y (a copy).</summary>
    public double[] Points => _points.data<double>().ToArray();

    /// <summary>Replaces the collocation points.</summary>
    public void SetPoints(double[] points)
    {
        var next = PointsTensor(points);
        _points.Dispose();
        _points = next;
        _revision++;
    }

    /// <summary>λ at θ'.</summary>
    public double Lambda(Tensor theta) => FixedLambda ?? theta[NetworkParameterCount].item<double>();

    /// <summary>The network part of θ'.</summary>
    public Tensor Network(Tensor theta) => theta.narrow(0, 0, NetworkParameterCount);

    /// <inheritdoc />
    public Tensor Residuals(Tensor theta)
    {
        Validate(theta);
        using var scope = NewDisposeScope();
        var (rows, _) = _rows.Evaluate(Network(theta), Lambda(theta), _points, jacobian: false, lambdaColumn: false);
        return rows.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public (Tensor Residuals, Tensor Jacobian) ResidualsAndJacobian(Tensor theta)
    {
        Validate(theta);
        using var scope = NewDisposeScope();
        var (rows, jacobian) = _rows.Evaluate(Network(theta), Lambda(theta), _points, jacobian: true, lambdaColumn: FixedLambda is null);
        return (rows.MoveToOuterDisposeScope(), jacobian!.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public double Value(Tensor theta)
    {
        using var scope = NewDisposeScope();
        var r = Residuals(theta);
        return r.dot(r).item<double>();
    }

    /// <inheritdoc />
    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta)
    {
        using var scope = NewDisposeScope();
        var (r, j) = ResidualsAndJacobian(theta);
        return (r.dot(r).item<double>(), j.t().mv(r).mul_(2).MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose() => _points.Dispose();

    private void Validate(Tensor theta)
    {
        if (theta.dtype != ScalarType.Float64 || theta.dim() != 1 || theta.shape[0] != ParameterCount)
            throw new ArgumentException($"θ' must be a float64 vector of {ParameterCount} entries");
    }

    private static Tensor PointsTensor(double[] points)
    {
        if (points.Length == 0 || points.Any(p => !double.IsFinite(p))) throw new ArgumentException("collocation points must be finite and non-empty");
        return tensor(points, dtype: ScalarType.Float64).DetachFromDisposeScope();
    }
}
