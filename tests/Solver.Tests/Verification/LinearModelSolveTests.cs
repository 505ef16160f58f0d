using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pinn.Optimizers;
using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests.Verification;

/// <summary>
/// A manufactured problem whose exact solution lies in the span of a model linear in its parameters: a short
/// Gauss–Newton or Levenberg–Marquardt run on the toolkit's residuals must recover it to near round-off.
/// </summary>
public class LinearModelSolveTests
{
    /// <summary>φ_pq(x, y) = x^p y^q (p, q ≤ 2) and sin(πx) sin(πy): 10 basis functions on the unit square.</summary>
    private static Tensor Basis(Tensor x)
    {
        var (a, b) = (x[.., 0], x[.., 1]);
        var columns = new List<Tensor>();
        for (var p = 0; p <= 2; p++)
        {
            for (var q = 0; q <= 2; q++)
            {
                columns.Add(a.pow(p) * b.pow(q));
            }
        }
        columns.Add((Math.PI * a).sin() * (Math.PI * b).sin());
        return stack(columns.ToArray(), 1);
    }

    private const int BasisSize = 10;

    [Property(MaxTest = 4)]
    public Property ShortRun_ExactSolutionInTheModelSpan_ErrorFallsToRoundOff(int seed, bool useLevenbergMarquardt)
    {
        using var scope = NewDisposeScope();
        var random = new Random(seed);
        var coefficients = tensor(Enumerable.Range(0, BasisSize).Select(_ => random.NextDouble() * 2 - 1).ToArray(), dtype: ScalarType.Float64);
        var kappa = 1 + random.NextDouble();
        Tensor Exact(Tensor x) => Basis(x).mv(coefficients);

        // The forcing of −Δu + κu = f from u* by nested autograd (a Field over u* itself).
        Tensor Forcing(Tensor x)
        {
            using var grad = enable_grad();
            var field = new Field(new AutogradSource(Exact, x));
            return (-field.Laplacian() + kappa * field.Value).detach();
        }
        var problem = Problem.On(Domain.Box((0, 1), (0, 1)))
            .Interior(Sample.Grid(36), (u, x) => -u.Laplacian() + kappa * u.Value, Forcing)
            .Dirichlet(Sample.Grid(24), Exact, weight: 10);

        using var objective = new LinearModelObjective(problem, Basis, BasisSize, seed);
        using IOptimizer optimizer = useLevenbergMarquardt ? new LevenbergMarquardt() : Engd.GaussNewton();
        var theta = zeros(BasisSize, dtype: ScalarType.Float64);
        var evaluation = Points.ToTensor(new Box((0, 1), (0, 1)).ClosedGrid(21));
        var exactValues = Exact(evaluation);
        double Error() => ((objective.Model(theta, evaluation) - exactValues).norm() / exactValues.norm()).item<double>();

        var initial = Error();
        var steps = 0;
        for (; steps < 12; steps++)
        {
            var result = optimizer.Step(objective, theta);
            if (result.Stop != StopReason.None || objective.Value(theta) < 1e-22)
            {
                break;
            }
        }
        var final = Error();
        return (initial > 0.1 && final < 1e-9)
            .Label($"{optimizer.Name}: rel. L2 {initial:E2} → {final:E2} in {steps + 1} steps, loss {objective.Value(theta):E2}");
    }
}
