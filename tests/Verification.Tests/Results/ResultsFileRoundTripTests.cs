using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Pinn.Verification.Tests;

public class ResultsFileRoundTripTests
{
    [Property(MaxTest = 60)]
    public Property WriteThenRead_RandomRecord_EqualsOriginal() =>
        Prop.ForAll(RunRecordGenerators.Records().ToArbitrary(), record =>
        {
            using var directory = new TempDirectory();
            var path = directory.File("run.h5");

            ResultsFile.Write(path, record);
            RecordAssert.Equal(record, ResultsFile.Read(path));
            Assert.Equal(["run.h5"], directory.Entries());
        });

    [Fact]
    public void WriteThenRead_SampleRecord_EqualsOriginal()
    {
        using var directory = new TempDirectory();
        var record = SampleRecords.Poisson();

        ResultsFile.Write(directory.File("run.h5"), record);
        var read = ResultsFile.Read(directory.File("run.h5"));

        RecordAssert.Equal(record, read);
        Assert.Equal(["adam", "lbfgs"], read.History.PhaseNames());
        Assert.Equal(record.Evaluation.Norms(), read.Evaluation.Norms());
    }

    [Fact]
    public void Write_IntAndFloatConfigValues_ReadBackAsLongAndDouble()
    {
        using var directory = new TempDirectory();
        var record = SampleRecords.Poisson();
        record.Config["width"] = 64;
        record.Config["learning_rate"] = 0.5f;

        ResultsFile.Write(directory.File("run.h5"), record);
        var config = ResultsFile.Read(directory.File("run.h5")).Config;

        Assert.Equal(64L, Assert.IsType<long>(config["width"]));
        Assert.Equal(0.5, Assert.IsType<double>(config["learning_rate"]));
    }

    [Fact]
    public void Write_ExistingTarget_IsReplaced()
    {
        using var directory = new TempDirectory();
        var path = directory.File("run.h5");
        var first = SampleRecords.Poisson();
        var second = first with { Config = new OrderedDictionary<string, object> { ["attempt"] = 2L } };

        ResultsFile.Write(path, first);
        ResultsFile.Write(path, second);

        Assert.Equal(2L, ResultsFile.Read(path).Config["attempt"]);
        Assert.Equal(["run.h5"], directory.Entries());
    }

    [Fact]
    public void Write_InconsistentRecord_ThrowsArgumentExceptionAndWritesNothing()
    {
        using var directory = new TempDirectory();
        var record = SampleRecords.Poisson();
        var bad = record with { Evaluation = record.Evaluation with { Error = new double[3] } };

        var ex = Assert.Throws<ArgumentException>(() => ResultsFile.Write(directory.File("run.h5"), bad));

        Assert.Contains("evaluation error", ex.Message);
        Assert.Empty(directory.Entries());
    }

    [Fact]
    public void Write_UnsupportedConfigValue_ThrowsArgumentExceptionNamingKey()
    {
        using var directory = new TempDirectory();
        var record = SampleRecords.Poisson();
        record.Config["tolerance"] = 1e-3m;

        var ex = Assert.Throws<ArgumentException>(() => ResultsFile.Write(directory.File("run.h5"), record));

        Assert.Contains("'tolerance'", ex.Message);
        Assert.Contains("Decimal", ex.Message);
    }

    [Fact]
    public void Write_UnstorableText_ThrowsArgumentException()
    {
        // Built in code: a lone surrogate in [InlineData] does not survive xunit's test-case serialization.
        foreach (var (text, reason) in new[] { ("a\0b", "NUL"), ("x" + (char)0xD800, "surrogate") })
        {
            using var directory = new TempDirectory();
            var record = SampleRecords.Poisson();
            record.Config["note"] = text;

            var ex = Assert.Throws<ArgumentException>(() => ResultsFile.Write(directory.File("run.h5"), record));

            Assert.Contains(reason, ex.Message);
            Assert.Empty(directory.Entries());
        }
    }

    [Fact]
    public void Write_ClashingParameterNames_ThrowsArgumentException()
    {
        using var directory = new TempDirectory();
        var record = SampleRecords.Poisson();
        var network = record.Network with
        {
            Parameters = [.. record.Network.Parameters, ParameterArray.FromVector("layer0", [1.0])],
        };

        var ex = Assert.Throws<ArgumentException>(() => ResultsFile.Write(directory.File("run.h5"), record with { Network = network }));

        Assert.Contains("layer0", ex.Message);
    }
}
