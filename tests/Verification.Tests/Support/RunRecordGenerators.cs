using FsCheck;
using FsCheck.Fluent;

namespace Pinn.Verification.Tests;

/// <summary>FsCheck generators of random, valid <see cref="RunRecord"/>s covering every value kind and edge size.</summary>
public static class RunRecordGenerators
{
    private static readonly string[] TextPieces =
        ["a", "b", "x", "t", "_", "-", ".", " ", "0", "7", "é", "π", "中", "😀", "\"", "'", "\n", "\t", "\\", "/"];

    /// <summary>Any double bit pattern: NaNs, infinities, subnormals, −0 and ordinary values.</summary>
    public static Gen<double> AnyDouble() =>
        Gen.Frequency(
            (3, Gen.Choose(-1000, 1000).Select(i => i / 7.0)),
            (3, Int64().Select(BitConverter.Int64BitsToDouble)),
            (1, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon,
                double.MaxValue, double.MinValue)));

    public static Gen<long> Int64() =>
        Gen.Frequency(
            (4, Gen.Choose(int.MinValue, int.MaxValue).SelectMany(_ => Gen.Choose(int.MinValue, int.MaxValue),
                (high, low) => ((long)high << 32) | (uint)low)),
            (1, Gen.Elements(long.MinValue, long.MaxValue, 0L, -1L)));

    public static Gen<string> Text(int maxPieces = 8) =>
        Gen.Choose(0, maxPieces).SelectMany(n => Gen.Elements(TextPieces).ArrayOf(n)).Select(pieces => string.Concat(pieces));

    /// <summary>An attribute or link name: a letter, then letters, digits, '_', '.', '-'.</summary>
    public static Gen<string> Name() =>
        Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray())
            .SelectMany(first => Gen.Choose(0, 10).SelectMany(n => Gen.Elements("abcxyz019_.-".ToCharArray()).ArrayOf(n)),
                (first, rest) => first + new string(rest));

    public static Gen<object> ConfigValue() =>
        Gen.OneOf(
            Text().Select(v => (object)v),
            AnyDouble().Select(v => (object)v),
            Int64().Select(v => (object)v),
            Gen.Elements(true, false).Select(v => (object)v));

    public static Gen<OrderedDictionary<string, object>> Config() =>
        Gen.Choose(0, 12)
            .SelectMany(n => Name().ArrayOf(n))
            .SelectMany(names => ConfigValue().ArrayOf(names.Length), (names, values) =>
            {
                var config = new OrderedDictionary<string, object>(StringComparer.Ordinal);
                for (var i = 0; i < names.Length; i++)
                {
                    config.TryAdd(names[i], values[i]);
                }
                return config;
            });

    public static Gen<double[,]> Matrix(int rows, int columns) =>
        AnyDouble().ArrayOf(rows * columns).Select(flat =>
        {
            var matrix = new double[rows, columns];
            Buffer.BlockCopy(flat, 0, matrix, 0, flat.Length * sizeof(double));
            return matrix;
        });

    public static Gen<EvaluationRecord> Evaluation() =>
        from n in Gen.Choose(0, 12)
        from d in Gen.Choose(0, 3)
        from points in Matrix(n, d)
        from names in Text(3).ArrayOf(d)
        from prediction in AnyDouble().ArrayOf(n)
        from hasExact in Gen.Elements(true, false)
        from exact in AnyDouble().ArrayOf(n)
        from error in AnyDouble().ArrayOf(n)
        select new EvaluationRecord(points, names, prediction, hasExact ? exact : null, error);

    public static Gen<HistoryRecord> History() =>
        from k in Gen.Choose(0, 10)
        from terms in Gen.Choose(0, 3)
        from step in Int64().ArrayOf(k)
        from seconds in AnyDouble().ArrayOf(k)
        from loss in AnyDouble().ArrayOf(k)
        from termLoss in Matrix(k, terms)
        from termNames in Text(3).ArrayOf(terms)
        from relativeL2 in Gen.Frequency((1, Gen.Constant(double.NaN)), (1, AnyDouble())).ArrayOf(k)
        from phase in Gen.Elements("adam", "lbfgs", "engd", "", "π-phase").ArrayOf(k)
        select new HistoryRecord(step, seconds, loss, termLoss, termNames, relativeL2, phase);

    public static Gen<NetworkRecord> Network() =>
        from layerCount in Gen.Choose(0, 3)
        from widths in Gen.Choose(0, 4).Select(w => (long)w).ArrayOf(layerCount + 1)
        from activation in Text(4)
        from layers in widths.Length < 2
            ? Gen.Constant(Array.Empty<(double[,], double[])>())
            : Gen.CollectToArray(Enumerable.Range(0, layerCount).Select(i =>
                from weight in Matrix((int)widths[i + 1], (int)widths[i])
                from bias in AnyDouble().ArrayOf((int)widths[i + 1])
                select (weight, bias)))
        from extra in Gen.Frequency(
            (3, Gen.Constant<ParameterArray?>(null)),
            (1, Gen.Choose(0, 3).SelectMany(a => Gen.Choose(0, 3), (a, b) => new long[] { a, b, 2 })
                .SelectMany(shape => AnyDouble().ArrayOf((int)(shape[0] * shape[1] * shape[2])),
                    (shape, values) => (ParameterArray?)new ParameterArray("extras/deep/scale", shape, values))))
        select Build(widths, activation, layers, extra);

    public static Gen<ProvenanceRecord> Provenance() =>
        from texts in Text().ArrayOf(7)
        from ticks in Gen.Choose(0, int.MaxValue).SelectMany(_ => Gen.Choose(0, int.MaxValue), (a, b) => (long)a * b)
        from offsetMinutes in Gen.Choose(-14 * 60, 14 * 60)
        from hasSeed in Gen.Elements(true, false)
        from seed in Int64()
        select new ProvenanceRecord(texts[0], texts[1], texts[2], texts[3], texts[4],
            new DateTimeOffset(new DateTime(630_000_000_000_000_000L + ticks % 30_000_000_000_000_000L), TimeSpan.FromMinutes(offsetMinutes)),
            hasSeed ? seed : null, texts[5], texts[6]);

    public static Gen<RunRecord> Records() =>
        from config in Config()
        from evaluation in Evaluation()
        from history in History()
        from network in Network()
        from provenance in Provenance()
        select new RunRecord(config, evaluation, history, network, provenance);

    private static NetworkRecord Build(long[] widths, string activation, (double[,] Weight, double[] Bias)[] layers,
        ParameterArray? extra)
    {
        var network = NetworkRecord.FromLayers(widths, activation, layers);
        return extra is null ? network : network with { Parameters = [.. network.Parameters, extra] };
    }
}
