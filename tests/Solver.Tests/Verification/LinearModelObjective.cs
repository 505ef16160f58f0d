using Pinn.Optimizers;
using Pinn.Physics;
using Pinn.Solver.Engine;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests.Verification;

/// <summary>
/// The least-squares objective of a problem for a model linear in its parameters, u_θ(x) = Σⱼ θⱼ φⱼ(x): each term's
/// residual comes from the toolkit's path (collocated points and data, <see cref="Field"/> over nested autograd),
/// scaled by √(w/N) so that ‖r‖² is the PINN loss Σₜ wₜ mean(rₜ²). Because the residual is affine in θ, column j of
/// the Jacobian is r(eⱼ) − r(0) exactly.
/// </summary>
internal sealed class LinearModelObjective : IResidualObjective, IDisposable
{
    private readonly Problem _problem;
    private readonly Func<Tensor, Tensor> _basis;
    private readonly List<CollocatedTerm> _terms;

    /// <param name="problem">The problem whose terms are fitted.</param>
    /// <param name="basis">Points [N, d] → basis values [N, P].</param>
    /// <param name="parameterCount">P.</param>
    /// <param name="seed">Seed of the collocation points.</param>
    public LinearModelObjective(Problem problem, Func<Tensor, Tensor> basis, int parameterCount, int seed)
    {
        _problem = problem;
        _basis = basis;
        ParameterCount = parameterCount;
        var random = new Random(seed);
        _terms = problem.Terms.Select(t => new CollocatedTerm(t, random, problem.Outputs, problem.Domain.TimeIndex)).ToList();
        ResidualCount = _terms.Sum(t => t.Points.shape[0]);
    }

    public long ParameterCount { get; }

    public long ResidualCount { get; }

    /// <summary>u_θ at points [N, d] → [N].</summary>
    public Tensor Model(Tensor theta, Tensor x) => _basis(x).mv(theta);

    public Tensor Residuals(Tensor theta)
    {
        using var scope = NewDisposeScope();
        using var grad = enable_grad();   // the field's derivatives are nested autograd in x
        var th = theta.detach();
        var parts = _terms.Select(t =>
        {
            var r = t.Evaluate(new Field(new AutogradSource(x => Model(th, x), t.Points), _problem.Domain.TimeIndex)).reshape(-1);
            return r * Math.Sqrt(t.Term.Weight / r.shape[0]);
        }).ToArray();
        return cat(parts).detach().MoveToOuterDisposeScope();
    }

    public (Tensor Residuals, Tensor Jacobian) ResidualsAndJacobian(Tensor theta)
    {
        using var scope = NewDisposeScope();
        var at = Residuals(theta);
        var offset = Residuals(zeros(ParameterCount, dtype: ScalarType.Float64));
        var columns = Enumerable.Range(0, (int)ParameterCount).Select(j =>
        {
            var unit = zeros(ParameterCount, dtype: ScalarType.Float64);
            unit[j] = 1.0;
            return Residuals(unit) - offset;
        }).ToArray();
        return (at.MoveToOuterDisposeScope(), stack(columns, 1).MoveToOuterDisposeScope());
    }

    public double Value(Tensor theta)
    {
        using var r = Residuals(theta);
        return r.dot(r).item<double>();
    }

    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta)
    {
        using var scope = NewDisposeScope();
        var (r, j) = ResidualsAndJacobian(theta);
        return (r.dot(r).item<double>(), (2 * j.t().mv(r)).MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        foreach (var t in _terms)
        {
            t.Dispose();
        }
    }
}
