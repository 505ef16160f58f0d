namespace Pinn.Verification.Tests;

/// <summary>A small, deterministic <see cref="RunRecord"/> like one a Poisson run would produce.</summary>
public static class SampleRecords
{
    public static RunRecord Poisson()
    {
        const int n = 16;
        var points = new double[n, 2];
        var prediction = new double[n];
        var exact = new double[n];
        for (var i = 0; i < n; i++)
        {
            points[i, 0] = (i % 4 + 0.5) / 4;
            points[i, 1] = (i / 4 + 0.5) / 4;
            exact[i] = Math.Sin(Math.PI * points[i, 0]) * Math.Sin(Math.PI * points[i, 1]);
            prediction[i] = exact[i] + 1e-3 * Math.Cos(i);
        }

        var history = new HistoryRecorder("interior", "boundary");
        for (var step = 0; step < 6; step++)
        {
            var loss = Math.Pow(10, -step);
            history.Add(step * 10, step * 0.25, loss, [0.75 * loss, 0.25 * loss], step < 4 ? "adam" : "lbfgs",
                relativeL2: step % 2 == 0 ? 0.1 / (step + 1) : double.NaN);
        }

        var network = NetworkRecord.FromLayers([2, 3, 1], "tanh",
        [
            (new double[,] { { 0.1, 0.2 }, { 0.3, 0.4 }, { 0.5, 0.6 } }, [0.01, 0.02, 0.03]),
            (new double[,] { { 0.7, 0.8, 0.9 } }, [0.04]),
        ]);

        var config = new OrderedDictionary<string, object>
        {
            ["problem"] = "poisson2d",
            ["optimizer"] = "engd",
            ["steps"] = 1000L,
            ["damping"] = 1e-10,
            ["line_search"] = true,
        };

        var provenance = new ProvenanceRecord("0.1.0", "0.107.0", ".NET 10.0.0", "Linux", "host (X64, 16 CPUs)",
            new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero), 42, "cpu", "pinn run poisson2d");

        return new RunRecord(config, EvaluationRecord.FromExact(points, ["x", "y"], prediction, exact),
            history.ToRecord(), network, provenance);
    }
}
