using System.Numerics;
using Pinn.Optimizers;
using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// The least-squares objective of one stage of an analytic profile: θ' = [c, λ] (λ trained, its own column) or θ' = c
/// (λ held fixed). Rows, all divided by the stage scale ε: the envelope-scaled residual R̃ = R·(1 + y²)^(−α/2) at the
/// collocation points y &gt; 0 (the profile's parity makes R even or odd), the equation's normalisation conditions
/// (weight w_c), R's Taylor coefficient of the origin order at 0 (weight w_o), the regular family's constant at infinity (weight w_∞) and, with a ridge η &gt; 0, the rows η·c. The Jacobian is exact: the ansatz is
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
    private readonly IReadOnlyList<ProfileCondition> _conditions;

    /// <summary>The objective of <paramref name="trainable"/> on top of <paramref name="frozen"/> at collocation points y &gt; 0
    /// (normalised by <paramref name="conditions"/>, by default the equation's for the branch).</summary>
    public AnalyticProfileObjective(IProfileEquation equation, int branch, IReadOnlyList<AnalyticStage> frozen, AnalyticStage trainable,
        double[] points, AnalyticProfileWeights weights, double? fixedLambda, IReadOnlyList<ProfileCondition>? conditions = null)
    {
        if (points.Length == 0 || points.Any(p => !(p > 0) || !double.IsFinite(p))) throw new ArgumentException("collocation points must be positive and finite", nameof(points));
        _equation = equation;
        _branch = branch;
        _frozen = frozen;
        _trainable = trainable;
        _points = points;
        _weights = weights;
        FixedLambda = fixedLambda;
        _conditions = conditions ?? equation.Conditions(branch);
        _seriesOrder = Math.Max(equation.OriginOrder(branch) + 1, _conditions.Max(c => c.Order)) + 1;
    }

    /// <summary>λ when held fixed; null when trained (last entry of θ').</summary>
    public double? FixedLambda { get; }

    /// <summary>Coefficients of the trainable stage.</summary>
    public int CoefficientCount => _trainable.Basis.Count;

    /// <inheritdoc />
    public long ParameterCount => CoefficientCount + (FixedLambda is null ? 1 : 0);

    /// <inheritdoc />
    public long ResidualCount => _points.Length + _conditions.Count + (_weights.Origin > 0 ? 1 : 0) + (_weights.Ridge > 0 ? CoefficientCount : 0)
        + (InfinityRow ? 1 : 0);

    private bool InfinityRow => _weights.Infinity > 0 && _trainable.Basis.Regular;

    /// <summary>λ at θ'.</summary>
    public double Lambda(Tensor theta)
    {
        if (FixedLambda is { } fixedLambda) return fixedLambda;
        // The element view is disposed here, not left to the finalizer (which could free it while item() still reads it).
        using var last = theta[CoefficientCount];
        return last.item<double>();
    }

    /// <summary>The trainable stage with the coefficients of θ'.</summary>
    public AnalyticStage Stage(Tensor theta)
    {
        using var coefficients = theta.narrow(0, 0, CoefficientCount);
        return _trainable with { Coefficients = coefficients.data<double>().ToArray() };
    }

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

    /// <summary>What one evaluation shares between its row blocks.</summary>
    private sealed record Evaluation(AnalyticProfile Profile, AnalyticStage Stage, double Lambda, double[] Rows, double[]? Jacobian, int Columns)
    {
        public double InverseScale => 1 / Stage.Scale;
    }

    private (double[] Rows, double[]? Jacobian) Rows(Tensor theta, bool jacobian)
    {
        if (theta.dtype != ScalarType.Float64 || theta.dim() != 1 || theta.shape[0] != ParameterCount)
            throw new ArgumentException($"θ' must be a float64 vector of {ParameterCount} entries", nameof(theta));
        double lambda = Lambda(theta);
        var stage = Stage(theta);
        int columns = (int)ParameterCount, count = (int)ResidualCount;
        var e = new Evaluation(new AnalyticProfile(_equation, _frozen.Append(stage).ToList()), stage, lambda,
            new double[count], jacobian ? new double[count * columns] : null, columns);
        CollocationRows(e);
        var (series, seriesLambda) = e.Profile.Series(lambda, _seriesOrder);
        var basisSeries = jacobian ? _trainable.Basis.Series(lambda, _seriesOrder).Value : null;
        int row = ConditionRows(e, _points.Length, series, seriesLambda, basisSeries);
        if (_weights.Origin > 0) OriginRow(e, row++, series, seriesLambda, basisSeries);
        if (InfinityRow) InfinityRowAt(e, row++);
        if (_weights.Ridge > 0) RidgeRows(e, row);
        return (e.Rows, e.Jacobian);
    }

    /// <summary>w·R/ε at each collocation point and its exact gradient (λ: explicit, through the basis and through the weight).</summary>
    private void CollocationRows(Evaluation e)
    {
        int n = CoefficientCount;
        var basis = new Complex[4 * n];
        var profile = e.Profile;
        for (int p = 0; p < _points.Length; p++)
        {
            double y = _points[p];
            var (f, d, fl, dl) = profile.At(y, e.Lambda);
            var r = _equation.Residual(y, e.Lambda, profile.Part(f), profile.Part(d), profile.Partner(f));
            double w = AnalyticProfile.Weight(y, e.Lambda) * (_weights.OriginEmphasis ? (1 + y * y) / (y * y) : 1);
            e.Rows[p] = w * r.Value * e.InverseScale;
            if (e.Jacobian is not { } jac) continue;
            _trainable.Basis.Evaluate(y, e.Lambda, basis.AsSpan(0, n), basis.AsSpan(n, n), basis.AsSpan(2 * n, n), basis.AsSpan(3 * n, n));
            for (int i = 0; i < n; i++)
                jac[p * e.Columns + i] = w * (r.ByValue * profile.Part(basis[i]) + r.ByDerivative * profile.Part(basis[n + i]) + r.ByPartner * profile.Partner(basis[i]));
            if (FixedLambda is not null) continue;
            double alphaLambda = 1 / ((1 + e.Lambda) * (1 + e.Lambda));
            double wLambda = -0.5 * Math.Log(1 + y * y) * alphaLambda * w;
            double total = r.ByLambda + r.ByValue * profile.Part(fl) + r.ByDerivative * profile.Part(dl) + r.ByPartner * profile.Partner(fl);
            jac[p * e.Columns + n] = (wLambda * r.Value + w * total) * e.InverseScale;
        }
    }

    /// <summary>w_c·(condition − target)/ε for each normalisation condition; returns the next row.</summary>
    private int ConditionRows(Evaluation e, int row, PowerSeries series, PowerSeries seriesLambda, PowerSeries[]? basisSeries)
    {
        int n = CoefficientCount;
        var basis = new Complex[4 * n];
        var profile = e.Profile;
        double weight = _weights.Conditions;
        foreach (var condition in _conditions)
        {
            e.Rows[row] = weight * (ConditionValue(profile, condition, e.Lambda, series) - condition.Target) * e.InverseScale;
            if (e.Jacobian is { } jac)
            {
                if (condition.At is { } at)
                {
                    _trainable.Basis.Evaluate(at, e.Lambda, basis.AsSpan(0, n), basis.AsSpan(n, n), basis.AsSpan(2 * n, n), basis.AsSpan(3 * n, n));
                    for (int i = 0; i < n; i++) jac[row * e.Columns + i] = weight * profile.Part(basis[i]);
                    if (FixedLambda is null) jac[row * e.Columns + n] = weight * profile.Part(profile.At(at, e.Lambda).FLambda) * e.InverseScale;
                }
                else
                {
                    for (int i = 0; i < n; i++) jac[row * e.Columns + i] = weight * profile.Part(basisSeries![i][condition.Order]);
                    if (FixedLambda is null) jac[row * e.Columns + n] = weight * profile.Part(seriesLambda[condition.Order]) * e.InverseScale;
                }
            }
            row++;
        }
        return row;
    }

    /// <summary>w_o·(R's Taylor coefficient of the origin order)/ε; its gradient by central differences, exact for a quadratic residual.</summary>
    private void OriginRow(Evaluation e, int row, PowerSeries series, PowerSeries seriesLambda, PowerSeries[]? basisSeries)
    {
        double Origin(double l, PowerSeries s) => _equation.ProfileIsRealPart
            ? _equation.OriginCoefficient(_branch, l, s.Real(), s.Imaginary())
            : _equation.OriginCoefficient(_branch, l, s.Imaginary(), s.Real());
        double weight = _weights.Origin;
        e.Rows[row] = weight * Origin(e.Lambda, series) * e.InverseScale;
        if (e.Jacobian is not { } jac) return;
        int n = CoefficientCount;
        for (int i = 0; i < n; i++)
            jac[row * e.Columns + i] = weight * 0.5 * (Origin(e.Lambda, series + basisSeries![i]) - Origin(e.Lambda, series + (-1.0 * basisSeries[i])));
        if (FixedLambda is not null) return;
        const double h = 1e-3;
        double up = Origin(e.Lambda + h, series + (h * seriesLambda)), down = Origin(e.Lambda - h, series + (-h * seriesLambda));
        jac[row * e.Columns + n] = weight * (up - down) / (2 * h) * e.InverseScale;
    }

    /// <summary>w_∞·Σₖ cₖ over the trainable stage's regular family: its constant at infinity in units of the stage scale.</summary>
    private void InfinityRowAt(Evaluation e, int row)
    {
        var basis = _trainable.Basis;
        for (int i = basis.RegularStart; i < basis.RegularStart + basis.Modes; i++)
        {
            e.Rows[row] += _weights.Infinity * e.Stage.Coefficients[i];
            if (e.Jacobian is { } jac) jac[row * e.Columns + i] = _weights.Infinity;
        }
    }

    /// <summary>Tikhonov rows η·c: the basis is nearly redundant, and without them a fit may drift to large cancelling coefficients.</summary>
    private void RidgeRows(Evaluation e, int row)
    {
        for (int i = 0; i < CoefficientCount; i++, row++)
        {
            e.Rows[row] = _weights.Ridge * e.Stage.Coefficients[i];
            if (e.Jacobian is { } jac) jac[row * e.Columns + i] = _weights.Ridge;
        }
    }

    private static double ConditionValue(AnalyticProfile profile, ProfileCondition condition, double lambda, PowerSeries series) =>
        condition.At is { } at ? profile.Part(profile.At(at, lambda).F) : profile.Part(series[condition.Order]);
}
