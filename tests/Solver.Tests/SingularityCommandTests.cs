using System.Text.Json.Nodes;
using Pinn.Solver.Cli;

namespace Pinn.Solver.Tests;

[Collection("console")]
public class SingularityCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => Cli.Cli.Run(args);

    public static TheoryData<string[]> BadArguments => new()
    {
        new[] { "singularity" },
        new[] { "singularity", "euler" },
        new[] { "singularity", "burgers", "--branch", "-1" },
        new[] { "singularity", "burgers", "--branch", "x" },
        new[] { "singularity", "burgers", "--branch", "99" },
        new[] { "singularity", "burgers", "--stages", "0" },
        new[] { "singularity", "burgers", "--stages", "9" },
        new[] { "singularity", "burgers", "--lambda0", "abc" },
        new[] { "singularity", "burgers", "--lambda0", "-0.5" },
        new[] { "singularity", "burgers", "--points", "3" },
        new[] { "singularity", "burgers", "--hidden", "8,0" },
        new[] { "singularity", "burgers", "--steps", "0" },
        new[] { "singularity", "burgers", "--weights", "1,2" },
        new[] { "singularity", "burgers", "--weights", "1,1,0,1" },
        new[] { "singularity", "burgers", "--scaling", "cubic" },
        new[] { "singularity", "burgers", "--correction-activation", "relu" },
        new[] { "singularity", "burgers", "--threads", "0" },
        new[] { "singularity", "burgers", "--seed", "s" },
        new[] { "singularity", "burgers", "--out", "/nonexistent-dir/p.h5" },
        new[] { "singularity", "burgers", "--out", "p.txt" },
        new[] { "singularity", "burgers", "--no-such-flag" },
        new[] { "singularity", "burgers", "--search", "--search-steps", "0" },
        new[] { "singularity", "burgers", "--solver", "qr" },
        new[] { "singularity", "burgers", "--correction-lengths", "0.3,0" },
        new[] { "singularity", "burgers", "--correction-lengths", "" },
        new[] { "singularity", "burgers", "--correction-scales", "x" },
        new[] { "singularity", "burgers", "--correction-points", "3" },
        new[] { "singularity", "burgers", "--adaptive", "-1" },
        new[] { "singularity", "burgers", "--lambda-stages", "0" },
        new[] { "singularity", "burgers", "--steps", "3000,0" },
        new[] { "singularity", "burgers", "--steps", "3000,,4000" },
        new[] { "singularity", "burgers", "--chebyshev", "1:120" },
        new[] { "singularity", "burgers", "--chebyshev", "3" },
        new[] { "singularity", "burgers", "--chebyshev", "2:0" },
        new[] { "singularity", "burgers", "--chebyshev", "x:y" },
        new[] { "singularity", "burgers", "--chebyshev", "2:120:3" },
        new[] { "singularity", "ccf", "--steps", "100,200" },
        new[] { "singularity", "burgers", "--method", "spectral" },
        new[] { "singularity", "ccf", "--branch", "3" },
        new[] { "singularity", "ccf", "--powers", "0" },
        new[] { "singularity", "ccf", "--modes", "x" },
        new[] { "singularity", "ccf", "--length", "0" },
        new[] { "singularity", "ccf", "--analytic-points", "4" },
        new[] { "singularity", "ccf", "--stages", "6" },
        new[] { "singularity", "ccf", "--lambda0", "-1" },
        new[] { "singularity", "ccf", "--out", "p.txt" },
        new[] { "singularity", "ccf", "--scan", "1.2:1.1" },
        new[] { "singularity", "ccf", "--scan", "1.2:1.1:0.01" },
        new[] { "singularity", "ccf", "--scan", "1.2:1.1:0" },
        new[] { "singularity", "ccf", "--scan", "0:1:0.1" },
        new[] { "singularity", "ccf", "--scan", "1:2:0.0001" },
        new[] { "singularity", "ccf", "--scan", "1.2:1.1:-0.05", "--out", "p.h5" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Run_BadArguments_OneLineErrorAndExitCode2(string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(ExitCodes.Usage, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("pinn: ", lines[0]);
    }

    [Fact]
    public void Run_TinySearchAndTwoStages_WritesJsonHdf5AndPlots()
    {
        var dir = Directory.CreateTempSubdirectory("pinn-singular-");
        try
        {
            var path = Path.Combine(dir.FullName, "profile.h5");
            var (code, stdout, err) = Run("singularity", "burgers", "--branch", "1", "--stages", "2", "--steps", "3", "--points", "10",
                "--correction-points", "12", "--correction-lengths", "0.5,2,9", "--correction-scales", "20",
                "--hidden", "4", "--correction-hidden", "3", "--json", "--out", path, "--search", "--search-steps", "2");
            Assert.True(code == ExitCodes.Ok, err);
            var json = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
            foreach (var key in new[] { "lambda", "lambda_error", "max_residual", "max_error", "stages", "seconds" })
                Assert.True(json.ContainsKey(key), key);
            Assert.Equal(2, (int)json["stages"]!);
            Assert.True((int)json["search_solves"]! >= 2);
            Assert.Equal(Math.Abs((double)json["lambda"]! - 0.25), (double)json["lambda_error"]!, 15);
            Assert.True((int)json["validation_points"]! >= 10000);
            Assert.True(File.Exists(path));
            using (var file = PureHDF.H5File.OpenRead(path))
            {
                var value = (PureHDF.IH5Dataset)((PureHDF.IH5Group)file.Get("residual")).Get("value");
                Assert.Equal(Pinn.Verification.ChecksummedFile.Checksum(value.Read<double[]>()), value.Attribute("sha256").Read<string>());
                var loss = (PureHDF.IH5Dataset)file.Get("stages/stage1/history/loss");
                Assert.Equal(Pinn.Verification.ChecksummedFile.Checksum(loss.Read<double[]>()), loss.Attribute("sha256").Read<string>());
                Assert.True(file.LinkExists("provenance"));
            }
            Assert.True(new FileInfo(Path.Combine(dir.FullName, "profile-residual.png")).Length > 1000);
            Assert.True(new FileInfo(Path.Combine(dir.FullName, "profile-residual.svg")).Length > 1000);
            Assert.Empty(Directory.GetFiles(dir.FullName, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(dir.FullName, ".*")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Run_CcfScan_PrintsTheIndicatorAtEachLambda()
    {
        var (code, stdout, err) = Run("singularity", "ccf", "--branch", "0", "--powers", "2", "--modes", "6", "--analytic-points", "40",
            "--search-steps", "3", "--scan", "1.3:1.1:-0.1", "--json", "-q");
        Assert.True(code == ExitCodes.Ok, err);
        var json = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        Assert.Equal(new[] { 1.3, 1.2, 1.1 }, json["scan_lambda"]!.AsArray().Select(v => Math.Round((double)v!, 12)));
        Assert.Equal(3, json["scan_indicator"]!.AsArray().Count(v => v is not null && double.IsFinite((double)v)));
        Assert.All(json["scan_steps"]!.AsArray(), v => Assert.InRange((int)v!, 1, 3));
    }

    [Fact]
    public void Run_TinyCcfSearch_WritesChecksummedHdf5AndFigures()
    {
        var dir = Directory.CreateTempSubdirectory("pinn-ccf-");
        try
        {
            var path = Path.Combine(dir.FullName, "ccf.h5");
            var (code, stdout, err) = Run("singularity", "ccf", "--branch", "0", "--stages", "2", "--powers", "2", "--modes", "6",
                "--analytic-points", "40", "--steps", "3", "--search-steps", "2", "--json", "--out", path, "-q");
            Assert.True(code == ExitCodes.Ok, err);
            var json = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
            Assert.Equal("ccf-profile", (string)json["problem"]!);
            Assert.Equal(2, (int)json["stages"]!);
            Assert.True((int)json["search_solves"]! >= 2);
            Assert.Equal(Math.Abs((double)json["lambda"]! - 1.1807776628998), (double)json["lambda_error"]!, 15);
            using (var file = PureHDF.H5File.OpenRead(path))
            {
                Assert.Equal("pinn-singularity-analytic", file.Attribute("format").Read<string>());
                var residual = (PureHDF.IH5Dataset)((PureHDF.IH5Group)file.Get("validation")).Get("residual");
                var values = residual.Read<double[]>();
                Assert.True(values.Length >= 1000);
                Assert.Equal(Pinn.Verification.ChecksummedFile.Checksum(values), residual.Attribute("sha256").Read<string>());
                Assert.True(file.LinkExists("provenance"));
            }
            foreach (var figure in new[] { "ccf-profile.png", "ccf-profile.svg", "ccf-residual.png", "ccf-residual.svg" })
                Assert.True(new FileInfo(Path.Combine(dir.FullName, figure)).Length > 1000, figure);
            Assert.Empty(Directory.GetFiles(dir.FullName, "*.tmp", SearchOption.AllDirectories));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
