namespace Pinn.Verification.Tests;

public class RecordsTests
{
    [Fact]
    public void HistoryRecorder_Rows_BecomeColumns()
    {
        var recorder = new HistoryRecorder("interior", "boundary");
        recorder.Add(1, 0.1, 3.0, [2.0, 1.0], "adam");
        recorder.Add(2, 0.2, 1.5, [1.0, 0.5], "lbfgs", relativeL2: 0.25);

        var history = recorder.ToRecord();

        Assert.Equal([1L, 2L], history.Step);
        Assert.Equal(0.5, history.TermLoss[1, 1]);
        Assert.True(double.IsNaN(history.RelativeL2[0]));
        Assert.Equal(0.25, history.RelativeL2[1]);
        Assert.Equal(["adam", "lbfgs"], history.PhaseNames());
    }

    [Fact]
    public void HistoryRecorder_WrongTermCount_Throws()
    {
        var recorder = new HistoryRecorder("interior", "boundary");

        var ex = Assert.Throws<ArgumentException>(() => recorder.Add(1, 0.1, 3.0, [2.0], "adam"));

        Assert.Contains("interior, boundary", ex.Message);
    }

    [Fact]
    public void NetworkRecord_FromLayers_NamesAndShapes()
    {
        var network = NetworkRecord.FromLayers([2, 3, 1], "tanh",
            [(new double[3, 2], new double[3]), (new double[1, 3], new double[1])]);

        Assert.Equal(["layer0/weight", "layer0/bias", "layer1/weight", "layer1/bias"], network.Parameters.Select(p => p.Name));
        Assert.Equal([3L, 2L], network.Parameters[0].Shape);
        Assert.Equal(13, network.ParameterCount);
    }

    [Fact]
    public void NetworkRecord_FromLayersWithWrongShape_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => NetworkRecord.FromLayers([2, 3], "tanh", [(new double[2, 3], new double[3])]));

        Assert.Contains("layer 0", ex.Message);
    }

    [Fact]
    public void ParameterArray_MatrixRoundTrip_KeepsRowMajorOrder()
    {
        var matrix = new double[,] { { 1, 2, 3 }, { 4, 5, 6 } };

        var parameter = ParameterArray.FromMatrix("w", matrix);

        Assert.Equal([1.0, 2, 3, 4, 5, 6], parameter.Values);
        Assert.Equal(matrix, parameter.ToMatrix());
    }

    [Fact]
    public void ProvenanceRecord_Capture_FillsEveryFieldAndRoundTrips()
    {
        using var directory = new TempDirectory();
        var provenance = ProvenanceRecord.Capture(seed: 7, device: "cpu", torchSharpVersion: "0.107.0");
        var record = SampleRecords.Poisson() with { Provenance = provenance };

        ResultsFile.Write(directory.File("run.h5"), record);
        var read = ResultsFile.Read(directory.File("run.h5")).Provenance;

        Assert.Equal(provenance, read);
        Assert.Equal("0.107.0", read.TorchSharpVersion);
        Assert.StartsWith(".NET", read.DotNetVersion);
        Assert.False(string.IsNullOrEmpty(read.CommandLine));
        Assert.Equal(7L, read.Seed);
    }

    [Fact]
    public void EvaluationRecord_FromExact_ErrorIsPredictionMinusExact()
    {
        var evaluation = EvaluationRecord.FromExact(new double[2, 1], ["x"], [1.0, 2.0], [0.5, 2.5]);

        Assert.Equal([0.5, -0.5], evaluation.Error);
        Assert.Equal(Math.Sqrt(0.5) / Math.Sqrt(6.5), evaluation.Norms()!.RelativeL2, 1e-15);
    }
}
