using Pinn.Optimizers;
using static TorchSharp.torch;

namespace Pinn.Solver.Tests;

/// <summary>Checks an objective's gradient against central finite differences in chosen coordinates.</summary>
internal static class GradientCheck
{
    /// <summary>
    /// Asserts that ∂f/∂θᵢ from <see cref="IObjective.ValueAndGradient"/> matches (f(θ + h eᵢ) − f(θ − h eᵢ)) / 2h,
    /// h = 1e-6, to 1e-6 relative (absolute below 1), for each index i.
    /// </summary>
    public static void MatchesCentralDifferences(IObjective objective, Tensor theta, params long[] indices)
    {
        using var scope = NewDisposeScope();
        var (_, g) = objective.ValueAndGradient(theta);
        foreach (long i in indices)
        {
            const double h = 1e-6;
            var plus = theta.clone(); plus[i] += h;
            var minus = theta.clone(); minus[i] -= h;
            double fd = (objective.Value(plus) - objective.Value(minus)) / (2 * h);
            Assert.Equal(fd, g[i].item<double>(), 1e-6 * Math.Max(1, Math.Abs(fd)));
        }
    }
}
