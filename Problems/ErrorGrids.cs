using Pinn.Physics;

namespace Pinn.Problems;

/// <summary>The grids on which the catalogue measures errors (<see cref="Problem.ErrorGrid"/>).</summary>
/// <remarks>
/// Burgers and Allen–Cahn use the points of the jaxpi reference files (x = linspace(−1, 1, 512), t = linspace(0, 1, 201);
/// Wang et al. report their rel. L2 errors there), with values from this toolkit's own references. The others use
/// closed grids sized so that halving the spacing changes the rel. L2 of network-like errors by less than 1 %
/// (<c>ErrorGridTests</c> in tests/Problems.Tests checks every problem).
/// </remarks>
public static class ErrorGrids
{
    /// <summary>The 512 x × 201 t points of the jaxpi reference grids on [−1, 1] × [0, 1] (burgers, allen-cahn, kdv).</summary>
    public static ErrorGrid Jaxpi { get; } = ErrorGrid.FromAxes("jaxpi reference points, 512 x by 201 t", Linspace(-1, 1, 512), Linspace(0, 1, 201));

    /// <summary>numpy's linspace: a + i·(b − a)/(n − 1), the last point exactly b.</summary>
    private static double[] Linspace(double a, double b, int n)
    {
        double step = (b - a) / (n - 1);
        return Enumerable.Range(0, n).Select(i => i == n - 1 ? b : a + i * step).ToArray();
    }
}
