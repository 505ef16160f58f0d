namespace Pinn.Verification.Tests;

/// <summary>Structural equality of <see cref="RunRecord"/>s, doubles compared bit for bit (so NaN equals NaN).</summary>
public static class RecordAssert
{
    public static void Equal(RunRecord expected, RunRecord actual)
    {
        Assert.Equal(expected.Config.Select(e => e.Key), actual.Config.Select(e => e.Key));
        foreach (var (key, value) in expected.Config)
        {
            var read = actual.Config[key];
            Assert.True(value.GetType() == read.GetType(), $"config '{key}': {value.GetType().Name} became {read.GetType().Name}");
            if (value is double number)
            {
                Bits(number, (double)read, $"config '{key}'");
            }
            else
            {
                Assert.Equal(value, read);
            }
        }

        var (e, a) = (expected.Evaluation, actual.Evaluation);
        Doubles(e.Points, a.Points, "evaluation points");
        Assert.Equal(e.CoordinateNames, a.CoordinateNames);
        Doubles(e.Prediction, a.Prediction, "evaluation prediction");
        Assert.Equal(e.Exact is null, a.Exact is null);
        if (e.Exact is not null)
        {
            Doubles(e.Exact, a.Exact!, "evaluation exact");
        }
        Doubles(e.Error, a.Error, "evaluation error");

        var (h, g) = (expected.History, actual.History);
        Assert.Equal(h.Step, g.Step);
        Doubles(h.Seconds, g.Seconds, "history seconds");
        Doubles(h.Loss, g.Loss, "history loss");
        Doubles(h.TermLoss, g.TermLoss, "history term loss");
        Assert.Equal(h.TermNames, g.TermNames);
        Doubles(h.RelativeL2, g.RelativeL2, "history relative L2");
        Assert.Equal(h.Phase, g.Phase);

        Assert.Equal(expected.Network.Widths, actual.Network.Widths);
        Assert.Equal(expected.Network.Activation, actual.Network.Activation);
        Assert.Equal(expected.Network.Parameters.Select(p => p.Name), actual.Network.Parameters.Select(p => p.Name));
        foreach (var (p, q) in expected.Network.Parameters.Zip(actual.Network.Parameters))
        {
            Assert.Equal(p.Shape, q.Shape);
            Doubles(p.Values, q.Values, $"network {p.Name}");
        }

        Assert.Equal(expected.Provenance, actual.Provenance);
        Assert.Equal(expected.Provenance.Date.Offset, actual.Provenance.Date.Offset);
    }

    private static void Doubles(Array expected, Array actual, string what)
    {
        Assert.Equal(expected.Rank, actual.Rank);
        for (var dimension = 0; dimension < expected.Rank; dimension++)
        {
            Assert.True(expected.GetLength(dimension) == actual.GetLength(dimension), $"{what}: dimension {dimension} differs");
        }
        var left = expected.Cast<double>().ToArray();
        var right = actual.Cast<double>().ToArray();
        for (var i = 0; i < left.Length; i++)
        {
            Bits(left[i], right[i], $"{what}[{i}]");
        }
    }

    private static void Bits(double expected, double actual, string what) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{what}: expected {expected:R} but read {actual:R}");
}
