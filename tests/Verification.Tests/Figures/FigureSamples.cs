namespace Pinn.Verification.Tests.Figures;

/// <summary>Evaluation and history records shaped like the toolkit's runs, for figure tests.</summary>
public static class FigureSamples
{
    /// <summary>A closed n × n grid on [0, 1]² (last coordinate fastest, as Domain.EvaluationPoints), u* = sin πx sin πy.</summary>
    public static EvaluationRecord Grid2D(int n = 41, string[]? names = null, bool shuffle = false, bool withExact = true)
    {
        var points = new double[n * n, 2];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                points[i * n + j, 0] = (double)i / (n - 1);
                points[i * n + j, 1] = (double)j / (n - 1);
            }
        }
        if (shuffle)
        {
            points = Shuffled(points, new Random(7));
        }
        return Evaluate(points, names ?? ["x", "y"], withExact);
    }

    /// <summary>Scattered (Halton-like) points in [0, 1]²: not a grid.</summary>
    public static EvaluationRecord Scattered2D(int count = 600)
    {
        var points = new double[count, 2];
        for (var i = 0; i < count; i++)
        {
            points[i, 0] = RadicalInverse(i + 1, 2);
            points[i, 1] = RadicalInverse(i + 1, 3);
        }
        return Evaluate(points, ["x", "y"], withExact: true);
    }

    /// <summary>n points of [0, 1] in scrambled order, u* = sin πx.</summary>
    public static EvaluationRecord Line1D(int n = 101)
    {
        var points = new double[n, 1];
        for (var i = 0; i < n; i++)
        {
            points[i, 0] = (double)((i * 37) % n) / (n - 1);
        }
        return Evaluate(points, ["x"], withExact: true);
    }

    /// <summary>A 5 × 5 × 5 grid: a 3-D domain.</summary>
    public static EvaluationRecord Grid3D()
    {
        var points = new double[125, 3];
        for (var i = 0; i < 125; i++)
        {
            points[i, 0] = i / 25 / 4.0;
            points[i, 1] = i / 5 % 5 / 4.0;
            points[i, 2] = i % 5 / 4.0;
        }
        return Evaluate(points, ["x", "y", "z"], withExact: true);
    }

    /// <summary>Adam for 600 steps then L-BFGS, rel. L2 every 50 steps, two terms.</summary>
    public static HistoryRecord History(int rows = 120)
    {
        var recorder = new HistoryRecorder("pde", "boundary");
        for (var r = 0; r < rows; r++)
        {
            var step = r * 10L;
            var loss = r < 60 ? 1e-1 * Math.Exp(-r / 25.0) * (1 + 0.3 * Math.Sin(r)) : 1e-2 * Math.Exp(-(r - 50) / 6.0);
            recorder.Add(step, 0.02 * r + (r >= 60 ? 0.05 * (r - 60) : 0), loss, [0.7 * loss, 0.3 * loss],
                r < 60 ? "adam" : "lbfgs", relativeL2: r % 5 == 0 ? Math.Sqrt(loss) : double.NaN);
        }
        return recorder.ToRecord();
    }

    private static EvaluationRecord Evaluate(double[,] points, string[] names, bool withExact)
    {
        var n = points.GetLength(0);
        var exact = new double[n];
        var prediction = new double[n];
        for (var i = 0; i < n; i++)
        {
            var value = 1.0;
            var perturbation = 0.0;
            for (var k = 0; k < points.GetLength(1); k++)
            {
                value *= Math.Sin(Math.PI * points[i, k]);
                perturbation += points[i, k] * (1 - points[i, k]);
            }
            exact[i] = value;
            prediction[i] = value + 1e-3 * perturbation * Math.Cos(5 * points[i, 0]);
        }
        var record = EvaluationRecord.FromExact(points, names, prediction, exact);
        return withExact ? record : record with { Exact = null };
    }

    private static double[,] Shuffled(double[,] points, Random random)
    {
        var order = Enumerable.Range(0, points.GetLength(0)).OrderBy(_ => random.Next()).ToArray();
        var result = new double[points.GetLength(0), points.GetLength(1)];
        for (var i = 0; i < order.Length; i++)
        {
            for (var k = 0; k < points.GetLength(1); k++)
            {
                result[i, k] = points[order[i], k];
            }
        }
        return result;
    }

    private static double RadicalInverse(int index, int radix)
    {
        double f = 1, r = 0;
        for (var i = index; i > 0; i /= radix)
        {
            f /= radix;
            r += f * (i % radix);
        }
        return r;
    }
}
