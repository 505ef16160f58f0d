using Pinn.Optimizers.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class DebugTests
{
    [Fact]
    public void Debug()
    {
        using var w = new StreamWriter("/tmp/dbg.txt");
        var rng = new Random(7);
        int fails = 0; int worstStall = 0; long totalSteps = 0; var sw = System.Diagnostics.Stopwatch.StartNew();
        for (int c = 0; c < 300; c++)
        {
            int n = rng.Next(2, 51); int seed = rng.Next(); double k = Math.Pow(10, rng.Next(0, 41) / 10.0);
            using var quadratic = new QuadraticObjective(n, seed, k);
            using var theta = torch.zeros(n, ScalarType.Float64);
            using var lbfgs = new Lbfgs(new LbfgsOptions { StallIterations = 1000 });
            var results = OptimizerRun.Run(lbfgs, quadratic, theta, 20 * n + 50);
            totalSteps += results.Count;
            // stall: consecutive steps where f not decreased by >1e-16 rel and g not new low
            double best = double.PositiveInfinity; int stall = 0, maxStall = 0; double fp = double.NaN;
            foreach (var r in results) {
                bool newLow = r.GradientNorm < best; best = Math.Min(best, r.GradientNorm);
                bool flat = !double.IsNaN(fp) && (fp - r.Loss) <= 1e-16 * Math.Max(Math.Abs(fp), Math.Abs(r.Loss));
                stall = flat && !newLow ? stall + 1 : 0; maxStall = Math.Max(maxStall, stall); fp = r.Loss;
            }
            worstStall = Math.Max(worstStall, maxStall);
            var norm = OptimizerRun.GradientNorm(quadratic, theta);
            if (!(norm <= 1e-10)) { fails++; w.WriteLine($"FAIL n={n} seed={seed} k={k:G3} steps={results.Count} g={norm:G3} stop={results[^1].Stop} {results[^1].Message}"); }
            else if (maxStall > 8) w.WriteLine($"stall {maxStall} n={n} k={k:G3} steps={results.Count}");
        }
        w.WriteLine($"fails={fails} worstStall={worstStall} steps={totalSteps} time={sw.Elapsed}");
    }
}
