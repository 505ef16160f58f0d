using System.Globalization;

namespace Pinn.Verification.Tests;

/// <summary>Files written here are read by the HDF Group's h5dump and by h5py, when those are installed.</summary>
public class ResultsFileInteropTests
{
    [RequiresToolFact("h5dump")]
    public void H5Dump_Header_ListsTheLayout()
    {
        using var directory = new TempDirectory();
        var path = directory.File("run.h5");
        ResultsFile.Write(path, SampleRecords.Poisson());

        var (exitCode, output, error) = ExternalTools.Run(ExternalTools.H5Dump!, ["-H", path]);

        Assert.True(exitCode == 0, $"h5dump failed: {error}");
        foreach (var group in new[] { "config", "network", "layer0", "layer1", "history", "evaluation", "provenance" })
        {
            Assert.Contains($"GROUP \"{group}\"", output);
        }
        foreach (var dataset in new[] { "weight", "bias", "step", "seconds", "loss", "term_loss", "rel_l2", "phase",
                     "points", "prediction", "exact", "error" })
        {
            Assert.Contains($"DATASET \"{dataset}\"", output);
        }
        Assert.Contains("ATTRIBUTE \"format\"", output);
        Assert.Contains("ATTRIBUTE \"format_version\"", output);
        Assert.Contains("H5T_IEEE_F64LE", output);
        Assert.Contains("SIMPLE { ( 16, 2 ) / ( 16, 2 ) }", output);
    }

    [RequiresToolFact("h5py")]
    public void H5py_ReadsPredictionAndAttributes_WithTheRightValues()
    {
        using var directory = new TempDirectory();
        var path = directory.File("run.h5");
        var record = SampleRecords.Poisson();
        ResultsFile.Write(path, record);
        const string script = """
            import sys, h5py
            with h5py.File(sys.argv[1], "r") as f:
                p = f["/evaluation/prediction"]
                print(p.dtype, p.shape)
                print(" ".join(float(v).hex() for v in p[()]))
                print(f.attrs["format"], int(f.attrs["format_version"]))
                c = f["/config"].attrs
                print(sorted(c.keys()))
                print(type(c["line_search"]).__name__, bool(c["line_search"]), int(c["steps"]), float(c["damping"]).hex())
                print(list(f["/evaluation/points"].attrs["coordinate_names"]))
                print(f["/network/layer0/weight"].shape, f["/history/term_loss"].shape)
            """;

        var (exitCode, output, error) = ExternalTools.Run(ExternalTools.PythonWithH5py!, ["-c", script, path]);

        Assert.True(exitCode == 0, $"python failed: {error}");
        var lines = output.Split('\n');
        Assert.Equal("float64 (16,)", lines[0]);
        var values = lines[1].Split(' ').Select(ParseHex).ToArray();
        Assert.Equal(record.Evaluation.Prediction, values);
        Assert.Equal($"pinn-results {ResultsFile.FormatVersion}", lines[2]);
        // h5py lists attributes by name (the HDF5 library's default index); this toolkit keeps the written order.
        Assert.Equal("['damping', 'line_search', 'optimizer', 'problem', 'sha256', 'steps']", lines[3]);
        Assert.Equal($"bool_ True 1000 {ToHex(1e-10)}", lines[4]);
        Assert.Equal("['x', 'y']", lines[5]);
        Assert.Equal("(3, 2) (6, 2)", lines[6]);
    }

    /// <summary>Parses Python's float.hex() output, e.g. <c>0x1.921fb54442d18p+1</c>, exactly.</summary>
    private static double ParseHex(string text)
    {
        var negative = text.StartsWith('-');
        var body = text.TrimStart('-')[2..];
        var exponentAt = body.IndexOf('p');
        var exponent = int.Parse(body[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var parts = body[..exponentAt].Split('.');
        var fraction = parts.Length > 1 ? parts[1] : "";
        var mantissa = (double)long.Parse(parts[0] + fraction, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var value = Math.ScaleB(mantissa, exponent - 4 * fraction.Length);
        return negative ? -value : value;
    }

    private static string ToHex(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        var fraction = bits & 0xFFFFFFFFFFFFFL;
        return $"0x1.{fraction:x13}p{(exponent >= 0 ? "+" : "")}{exponent}".Replace(".0000000000000p", ".0p");
    }
}
