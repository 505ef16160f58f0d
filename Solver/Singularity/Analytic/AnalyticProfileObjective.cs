using System.Numerics;
using Pinn.Optimizers;
using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The least-squares objective of one stage of an analytic profile: θ' = [c, λ] (λ trained, its own column) or θ' = c
/// (λ held fixed). Rows, all divided by the stage scale ε: the envelope-scaled residual R̃ = R·(1 + y²)^(−α/2) at the
/// collocation points y &gt; 0 (the profile's parity makes R even or odd), the equation's normalisation conditions
/// (weight w_c), R's Taylor coefficient of the origin order at 0 (weight w_o) and, with a ridge η &gt; 0, the rows η·c. The Jacobian is exact: the ansatz is
/// linear in c, the residual's partial derivatives come from the equation, and the two Taylor-coefficient rows are
/// differentiated by central differences that are exact for residuals quadratic in (f, g) and affine in λ (both
/// equations are).
/// </summary>
public sealed class AnalyticProfileObjective : IResidualObjective
{
    private readonly IProfileEquation _equation;
    private readonly int _branch;
    private readonly IReadOnlyList<AnalyticStage> _frozen;
    private readonly AnalyticStage _trainable;
    private readonly double[] _points;
    private readonly AnalyticProfileWeights _weights;
    private readonly int _seriesOrder;

    /// <summary>The objective of <paramref name="trainable"/> on top of <paramref name="frozen"/> at collocation points y &gt; 0.</summary>
    public AnalyticProfileObjective(IProfileEquation equation, int branch, IReadOnlyList<AnalyticStage> frozen, AnalyticStage trainable,
        double[] points, AnalyticProfileWeights weights, double? fixedLambda)
    {
        if (points.Length == 0 || points.Any(p => !(p > 0) || !double.IsFinite(p))) throw new ArgumentException("collocation points must be positive and finite", nameof(points));
        _equation = equation;
        _branch = branch;
        _frozen = frozen;
        _trainable = trainable;
        _points = points;
        _weights = weights;
        FixedLambda = fixedLambda;
        _seriesOrder = Math.Max(equation.OriginOrder(branch) + 1, equation.Conditions(branch).Max(c => c.Order)) + 1;
    }

    /// <summary>λ when held fixed; null when trained (last entry of θ').</summary>
    public double? FixedLambda { get; }

    /// <summary>Coefficients of the trainable stage.</summary>
    public int CoefficientCount => _trainable.Basis.Count;

    /// <inheritdoc />
    public long ParameterCount => CoefficientCount + (FixedLambda is null ? 1 : 0);

    /// <inheritdoc />
    public long ResidualCount => _points.Length + _equation.Conditions(_branch).Count + (_weights.Origin > 0 ? 1 : 0) + (_weights.Ridge > 0 ? CoefficientCount : 0);

    /// <summary>λ at θ'.</summary>
    public double Lambda(Tensor theta) => FixedLambda ?? theta[CoefficientCount].item<double>();

    /// <summary>The trainable stage with the coefficients of θ'.</summary>
    public AnalyticStage Stage(Tensor theta) => _trainable with { Coefficients = theta.narrow(0, 0, CoefficientCount).data<double>().ToArray() };

    /// <inheritdoc />
    public Tensor Residuals(Tensor theta) => tensor(Rows(theta, jacobian: false).Rows, dtype: ScalarType.Float64);

    /// <inheritdoc />
    public (Tensor Residuals, Tensor Jacobian) ResidualsAndJacobian(Tensor theta)
    {
        var (rows, jacobian) = Rows(theta, jacobian: true);
        return (tensor(rows, dtype: ScalarType.Float64), tensor(jacobian!, dtype: ScalarType.Float64).reshape(rows.Length, ParameterCount));
    }

    /// <inheritdoc />
    public double Value(Tensor theta) => Rows(theta, jacobian: false).Rows.Sum(r => r * r);

    /// <inheritdoc />
    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta)
    {
        using var scope = NewDisposeScope();
        var (r, j) = ResidualsAndJacobian(theta);
        return (r.dot(r).item<double>(), j.t().mv(r).mul_(2).MoveToOuterDisposeScope());
    }

    private (double[] Rows, double[]? Jacobian) Rows(Tensor theta, bool jacobian)
    {
        if (theta.dtype != ScalarType.Float64 || theta.dim() != 1 || theta.shape[0] != ParameterCount)
            throw new ArgumentException($"θ' must be a float64 vector of {ParameterCount} entries", nameof(theta));
        double lambda = Lambda(theta);
        var stage = Stage(theta);
        var profile = new AnalyticProfile(_equation, _frozen.Append(stage).ToList());
        var conditions = _equation.Conditions(_branch);
        int n = CoefficientCount, columns = (int)ParameterCount, count = (int)ResidualCount;
        var rows = new double[count];
        var jac = jacobian ? new double[count * columns] : null;
        double inverseScale = 1 / stage.Scale;
        var basis = new Complex[4 * n];
        for (int p = 0; p < _points.Length; p++)
        {
            double y = _points[p];
            var (f, d, fl, dl) = profile.At(y, lambda);
            var r = _equation.Residual(y, lambda, profile.Part(f), profile.Part(d), profile.Partner(f));
            double w = AnalyticProfile.Weight(y, lambda);
            rows[p] = w * r.Value * inverseScale;
            if (jac is null) continue;
            _trainable.Basis.Evaluate(y, lambda, basis.AsSpan(0, n), basis.AsSpan(n, n), basis.AsSpan(2 * n, n), basis.AsSpan(3 * n, n));
            for (int i = 0; i < n; i++)
                jac[p * columns + i] = w * (r.ByValue * profile.Part(basis[i]) + r.ByDerivative * profile.Part(basis[n + i]) + r.ByPartner * profile.Partner(basis[i]));
            if (FixedLambda is null)
            {
                double alphaLambda = 1 / ((1 + lambda) * (1 + lambda));
                double wLambda = -0.5 * Math.Log(1 + y * y) * alphaLambda * w;
                double total = r.ByLambda + r.ByValue * profile.Part(fl) + r.ByDerivative * profile.Part(dl) + r.ByPartner * profile.Partner(fl);
                jac[p * columns + n] = (wLambda * r.Value + w * total) * inverseScale;
            }
        }
        int row = _points.Length;
        var (series, seriesLambda) = profile.Series(lambda, _seriesOrder);
        var (basisSeries, _) = jac is null ? (null, null) : _trainable.Basis.Series(lambda, _seriesOrder);
        foreach (var condition in conditions)
        {
            double value = ConditionValue(profile, condition, lambda, series);
            rows[row] = _weights.Conditions * (value - condition.Target) * inverseScale;
            if (jac is not null)
            {
                if (condition.At is { } at)
                {
                    _trainable.Basis.Evaluate(at, lambda, basis.AsSpan(0, n), basis.AsSpan(n, n), basis.AsSpan(2 * n, n), basis.AsSpan(3 * n, n));
                    for (int i = 0; i < n; i++) jac[row * columns + i] = _weights.Conditions * profile.Part(basis[i]);
                    if (FixedLambda is null) jac[row * columns + n] = _weights.Conditions * profile.Part(profile.At(at, lambda).FLambda) * inverseScale;
                }
                else
                {
                    for (int i = 0; i < n; i++) jac[row * columns + i] = _weights.Conditions * profile.Part(basisSeries![i][condition.Order]);
                    if (FixedLambda is null) jac[row * columns + n] = _weights.Conditions * profile.Part(seriesLambda[condition.Order]) * inverseScale;
                }
            }
            row++;
        }
        if (_weights.Origin > 0)
        {
            double Origin(double l, PowerSeries s) => _equation.ProfileIsRealPart
                ? _equation.OriginCoefficient(_branch, l, s.Real(), s.Imaginary())
                : _equation.OriginCoefficient(_branch, l, s.Imaginary(), s.Real());
            rows[row] = _weights.Origin * Origin(lambda, series) * inverseScale;
            if (jac is not null)
            {
                for (int i = 0; i < n; i++)
                    jac[row * columns + i] = _weights.Origin * 0.5 * (Origin(lambda, series + basisSeries![i]) - Origin(lambda, series + (-1.0 * basisSeries[i])));
                if (FixedLambda is null)
                {
                    const double h = 1e-3;
                    double up = Origin(lambda + h, series + (h * seriesLambda)), down = Origin(lambda - h, series + (-h * seriesLambda));
                    jac[row * columns + n] = _weights.Origin * (up - down) / (2 * h) * inverseScale;
                }
            }
        }
        if (_weights.Ridge > 0)
        {
            // Tikhonov rows η·c: the basis is nearly redundant, and without them the fit drifts to large cancelling coefficients whose
            // round-off sets the residual's floor.
            row = count - n;
            for (int i = 0; i < n; i++, row++)
            {
                rows[row] = _weights.Ridge * stage.Coefficients[i];
                if (jac is not null) jac[row * columns + i] = _weights.Ridge;
            }
        }
        return (rows, jac);
    }

    private static double ConditionValue(AnalyticProfile profile, ProfileCondition condition, double lambda, PowerSeries series) =>
        condition.At is { } at ? profile.Part(profile.At(at, lambda).F) : profile.Part(series[condition.Order]);
}
