using Pinn.Physics;
using Pinn.Problems;
using Pinn.Solver.Engine;
using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>Tests that count live tensors process-wide, so they run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(SolverTensorCountCollection), DisableParallelization = true)]
public class SolverTensorCountCollection;

[Collection(nameof(SolverTensorCountCollection))]
public class HardConstraintLeakTests
{
    [Fact]
    public void EveryEvaluation_WithTransformAndEmbedding_InsideDisposeScope_LeavesNoTensorsBehind()
    {
        var problem = new Heat1d().Create(new ProblemOptions(25, 10, Hard: true)).WithEmbedding(new FourierFeatures(1, 3, 2));
        using var net = Mlp.For(problem, new MlpOptions(2, [5], Seed: 1));
        using var objective = new PinnObjective(problem, net);
        using var v = ones(net.ParameterCount, dtype: ScalarType.Float64);
        void Round()
        {
            using var scope = NewDisposeScope();
            var theta = net.Parameters;
            objective.ValueAndGradient(theta);
            objective.Residuals(theta);
            objective.ResidualsAndJacobian(theta);
            objective.KroneckerFactors(theta);
            using var expansion = objective.Expand(theta);
            expansion.Hessian.Apply(v);
            objective.Predict(theta, objective.Terms[0].Points);
        }
        Round();   // the cached jets of A and B are made here
        var before = LiveTensors();
        Round();
        Round();
        Assert.Equal(before, LiveTensors());
        objective.Resample();   // the jets are dropped with the old points and remade on the next evaluation
        Round();
        Assert.Equal(before, LiveTensors());
    }

    private static long LiveTensors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return TorchSharp.torch.Tensor.TotalCount;
    }
}
