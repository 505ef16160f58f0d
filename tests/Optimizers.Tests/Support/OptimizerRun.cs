using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>Drives an optimizer the way the trainer will: one dispose scope per step.</summary>
internal static class OptimizerRun
{
    public static List<StepResult> Run(IOptimizer optimizer, IObjective objective, Tensor theta, int maxSteps)
    {
        var results = new List<StepResult>();
        for (var i = 0; i < maxSteps; i++)
        {
            using var scope = torch.NewDisposeScope();
            var result = optimizer.Step(objective, theta);
            results.Add(result);
            if (result.Stop != StopReason.None) break;
        }
        return results;
    }

    public static double GradientNorm(IObjective objective, Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        var (_, gradient) = objective.ValueAndGradient(theta);
        return torch.linalg.vector_norm(gradient).item<double>();
    }

    public static double MaxDistance(Tensor a, Tensor b)
    {
        using var scope = torch.NewDisposeScope();
        return (a - b).abs().max().item<double>();
    }
}
