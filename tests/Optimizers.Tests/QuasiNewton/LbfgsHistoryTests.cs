using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests;

public class LbfgsHistoryTests
{
    /// <summary>The two-loop recursion (Nocedal &amp; Wright Alg. 7.4) over the pairs, oldest first: the reference.</summary>
    private static double[] TwoLoop(List<(double[] S, double[] Y)> pairs, double[] g)
    {
        int n = g.Length;
        var q = (double[])g.Clone();
        var alpha = new double[pairs.Count];
        for (var i = pairs.Count - 1; i >= 0; i--)
        {
            var (s, y) = pairs[i];
            alpha[i] = Dot(s, q) / Dot(s, y);
            for (var k = 0; k < n; k++) q[k] -= alpha[i] * y[k];
        }
        var (sl, yl) = pairs[^1];
        double gamma = Dot(sl, yl) / Dot(yl, yl);
        for (var k = 0; k < n; k++) q[k] *= gamma;
        for (var i = 0; i < pairs.Count; i++)
        {
            var (s, y) = pairs[i];
            double beta = Dot(y, q) / Dot(s, y);
            for (var k = 0; k < n; k++) q[k] += s[k] * (alpha[i] - beta);
        }
        return q.Select(v => -v).ToArray();
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    [Property(MaxTest = 40)]
    public Property Direction_EqualsTheTwoLoopRecursion_AlsoAfterTheRingWraps()
    {
        var cases =
            from dimension in Gen.Choose(3, 40)
            from capacity in Gen.Choose(1, 8)
            from added in Gen.Choose(1, 20)
            from seed in Gen.Choose(0, int.MaxValue)
            select (dimension, capacity, added, seed);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            // Pairs from a convex quadratic with Hessian A = BᵀB + I: y = A s, so sᵀy > 0.
            var b = new double[c.dimension, c.dimension];
            for (var i = 0; i < c.dimension; i++) for (var j = 0; j < c.dimension; j++) b[i, j] = random.NextDouble() - 0.5;
            double[] Apply(double[] v)
            {
                var bv = new double[c.dimension];
                for (var i = 0; i < c.dimension; i++) for (var j = 0; j < c.dimension; j++) bv[i] += b[i, j] * v[j];
                var r = (double[])v.Clone();
                for (var i = 0; i < c.dimension; i++) for (var j = 0; j < c.dimension; j++) r[j] += b[i, j] * bv[i];
                return r;
            }
            using var history = new LbfgsHistory(c.capacity);
            var kept = new List<(double[] S, double[] Y)>();
            for (var k = 0; k < c.added; k++)
            {
                var s = Enumerable.Range(0, c.dimension).Select(_ => random.NextDouble() - 0.5).ToArray();
                var y = Apply(s);
                using var st = torch.tensor(s, ScalarType.Float64);
                using var yt = torch.tensor(y, ScalarType.Float64);
                if (!history.TryAdd(st, yt)) return false.Label("a positive-curvature pair was refused");
                kept.Add((s, y));
                if (kept.Count > c.capacity) kept.RemoveAt(0);
            }
            var g = Enumerable.Range(0, c.dimension).Select(_ => random.NextDouble() - 0.5).ToArray();
            using var gt = torch.tensor(g, ScalarType.Float64);
            using var direction = history.Direction(gt);
            var expected = TwoLoop(kept, g);
            var actual = direction.data<double>().ToArray();
            double scale = expected.Max(Math.Abs);
            double error = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
            return (history.Count == kept.Count && error <= 1e-10 * Math.Max(1, scale))
                .Label($"n={c.dimension} m={c.capacity} added={c.added} count={history.Count} error={error:G3} scale={scale:G3}");
        });
    }

    [Fact]
    public void SaveAndLoad_RepeatsTheSameDirectionBitwise_AfterTheRingWraps()
    {
        var random = new Random(3);
        using var history = new LbfgsHistory(3);
        for (var k = 0; k < 5; k++)
        {
            var s = Enumerable.Range(0, 6).Select(_ => random.NextDouble() - 0.5).ToArray();
            using var st = torch.tensor(s, ScalarType.Float64);
            using var yt = torch.tensor(s.Select((v, i) => v * (i + 1)).ToArray(), ScalarType.Float64);
            Assert.True(history.TryAdd(st, yt));
        }
        var state = new OptimizerState("lbfgs");
        history.Save(state, "history");
        using var restored = new LbfgsHistory(3);
        restored.Load(state, "history", torch.CPU);
        using var g = torch.tensor(Enumerable.Range(0, 6).Select(i => Math.Sin(i)).ToArray(), ScalarType.Float64);
        using var d1 = history.Direction(g);
        using var d2 = restored.Direction(g);
        Assert.Equal(d1.data<double>().ToArray(), d2.data<double>().ToArray());
    }
}
