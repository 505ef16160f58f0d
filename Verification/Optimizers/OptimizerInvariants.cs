using FsCheck;
using FsCheck.Fluent;
using Pinn.Optimizers;

namespace Pinn.Verification.Optimizers;

/// <summary>Settings of <see cref="OptimizerInvariants"/>.</summary>
/// <param name="MaxTest">Random quadratics tried per property.</param>
/// <param name="Steps">Steps per run (the checkpoint round trip saves after half of them).</param>
/// <param name="MaxDimension">Parameters, at most.</param>
/// <param name="MaxCondition">Condition number, at most.</param>
/// <param name="EveryStep">Descent: whether every step must lower the loss (line-search and trust-region methods), not only the run.</param>
/// <param name="Tolerance">Ordering invariance: relative distance allowed between the reordered runs.</param>
public sealed record OptimizerInvariantOptions(int MaxTest = 20, int Steps = 20, int MaxDimension = 20, double MaxCondition = 1e4,
    bool EveryStep = false, double Tolerance = 1e-10);

/// <summary>
/// Properties of a user's own optimizer on random convex quadratics (<see cref="QuadraticCase"/>), one call each:
/// descent, invariance under a reordering of the parameters (where the method promises it), a bitwise checkpoint round
/// trip, and no tensor leak. Pass a factory that builds a fresh optimizer with fixed options. A failure names the
/// invariant, the step and the numbers, and FsCheck shrinks the quadratic toward one parameter and condition number 1.
/// </summary>
public static class OptimizerInvariants
{
    /// <summary>Descent: f after <see cref="OptimizerInvariantOptions.Steps"/> steps is below f(θ₀) (every step, when asked).</summary>
    public static Property Descent(Func<IOptimizer> create, OptimizerInvariantOptions? options = null)
    {
        options ??= new();
        return OnQuadratics(options, (q, start, _) => OptimizerChecks.Descent(create, q, start, options.Steps, options.EveryStep));
    }

    /// <summary>Ordering invariance: the run on the permuted parameters is the permuted run.</summary>
    public static Property OrderingInvariance(Func<IOptimizer> create, OptimizerInvariantOptions? options = null)
    {
        options ??= new();
        return OnQuadratics(options, (q, start, c) => OptimizerChecks.OrderingInvariance(create, q, start, options.Steps, c.Seed, options.Tolerance));
    }

    /// <summary>Checkpoint round trip: save after half the steps, load into a fresh optimizer, continue bit for bit.</summary>
    public static Property CheckpointRoundTrip(Func<IOptimizer> create, OptimizerInvariantOptions? options = null)
    {
        options ??= new();
        return OnQuadratics(options, (q, start, _) => OptimizerChecks.CheckpointRoundTrip(create, q, start, Math.Max(1, options.Steps / 2)));
    }

    /// <summary>Checks <see cref="Descent"/> (throws FsCheck's report on failure).</summary>
    public static void CheckDescent(Func<IOptimizer> create, OptimizerInvariantOptions? options = null) =>
        PropertyRun.Check(Descent(create, options), (options ?? new()).MaxTest);

    /// <summary>Checks <see cref="OrderingInvariance"/>.</summary>
    public static void CheckOrderingInvariance(Func<IOptimizer> create, OptimizerInvariantOptions? options = null) =>
        PropertyRun.Check(OrderingInvariance(create, options), (options ?? new()).MaxTest);

    /// <summary>Checks <see cref="CheckpointRoundTrip"/>.</summary>
    public static void CheckCheckpointRoundTrip(Func<IOptimizer> create, OptimizerInvariantOptions? options = null) =>
        PropertyRun.Check(CheckpointRoundTrip(create, options), (options ?? new()).MaxTest);

    /// <summary>No tensor leak (<see cref="TensorLeak"/>) over <paramref name="steps"/> steps on an ill-conditioned quadratic
    /// of <paramref name="dimension"/> parameters; throws with the steps whose live tensor count left the range.</summary>
    public static void CheckNoTensorLeak(Func<IOptimizer> create, int steps = 60, int dimension = 60, double condition = 1e6)
    {
        using var quadratic = new ConvexQuadratic(dimension, 13, condition);
        using var theta = TorchSharp.torch.zeros(dimension, dtype: TorchSharp.torch.ScalarType.Float64);
        using var optimizer = create();
        if (TensorLeak.Check(optimizer, quadratic, theta, steps) is { } failure) throw new InvalidOperationException(failure);
    }

    private static Property OnQuadratics(OptimizerInvariantOptions options, Func<ConvexQuadratic, TorchSharp.torch.Tensor, QuadraticCase, string?> check)
    {
        if (options.Steps < 1) throw new ArgumentOutOfRangeException(nameof(options), $"need at least one step (got {options.Steps})");
        return Prop.ForAll(QuadraticCase.Arbitrary(options.MaxDimension, options.MaxCondition), c => PropertyRun.Verdict(() =>
        {
            using var quadratic = c.Create();
            using var start = c.Start(quadratic);
            return check(quadratic, start, c);
        }));
    }
}
