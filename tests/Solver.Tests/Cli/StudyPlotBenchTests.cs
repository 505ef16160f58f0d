using Pinn.Solver.Cli;

namespace Pinn.Solver.Tests.Cli;

[Collection("console")]
public class StudyPlotBenchTests
{
    [Fact]
    public void Study_Width_WritesTableCsvAndFigure()
    {
        using var dir = Cli.TemporaryDirectory();
        var (code, output, err) = Cli.Run("study", "poisson2d", "--vary", "width=2,4", "--optimizer", "engd:5", "--points", "25",
            "--boundary-points", "12", "--out", dir.Path, "--quiet");
        Assert.True(code == 0, err);
        Assert.Contains("| width |", output);
        var csv = File.ReadAllLines(dir["study.csv"]);
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("width,parameters", csv[0]);
        Assert.True(File.Exists(dir["study.figure.png"]) && File.Exists(dir["study.figure.svg"]));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Theory]
    [InlineData("depth=0,1")]
    [InlineData("colour=1,2")]
    [InlineData("width=8")]
    public void Study_BadVary_ExitsTwo(string vary)
    {
        using var dir = Cli.TemporaryDirectory();
        var (code, _, err) = Cli.Run("study", "poisson2d", "--vary", vary, "--out", dir["s"]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(dir["s"]));
    }

    [Fact]
    public void Plot_ResultsFile_WritesPngAndSvgNextToIt()
    {
        using var dir = Cli.TemporaryDirectory();
        Assert.Equal(0, Cli.Run("solve", "heat1d", "--optimizer", "adam:5", "--hidden", "4", "--points", "25", "--boundary-points", "12",
            "--quiet", "--out", dir["r.h5"], "--plot").Code);
        foreach (var name in new[] { "history", "history-time", "solution", "exact", "error" })
            Assert.True(File.Exists(dir[$"r.{name}.png"]) && File.Exists(dir[$"r.{name}.svg"]), name);
        File.Delete(dir["r.error.png"]);
        var (code, output, _) = Cli.Run("plot", dir["r.h5"]);
        Assert.Equal(0, code);
        Assert.Contains("r.error.png", output);
        Assert.True(File.Exists(dir["r.error.png"]));
    }

    [Fact]
    public void SolvePlot_WithoutOut_ExitsTwo()
    {
        var (code, _, err) = Cli.Run("solve", "heat1d", "--plot");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--out", err);
    }

    [Fact]
    public void Bench_QuickSuiteOnOneProblem_WritesResults()
    {
        using var dir = Cli.TemporaryDirectory();
        var (code, output, err) = Cli.Run("bench", "--only", "heat1d", "--budget", "0.2", "--out", dir.Path, "--quiet");
        Assert.True(code == 0, output + err);
        var md = File.ReadAllText(dir["results.md"]);
        Assert.Contains("### heat1d", md);
        Assert.Contains("adam→lbfgs", md);
        foreach (var d in Pinn.Optimizers.OptimizerCatalog.Default.Descriptors) Assert.Contains($"| {d.Name} |", md);
        Assert.True(File.ReadAllLines(dir["results.csv"]).Length > Pinn.Optimizers.OptimizerCatalog.Default.Descriptors.Count);
        Assert.True(File.Exists(dir["results.heat1d-time.png"]));
    }

    [Theory]
    [InlineData("--suite", "slow")]
    [InlineData("--budget", "-1")]
    [InlineData("--only", "no-such-case")]
    public void Bench_BadInput_ExitsTwo(string option, string value)
    {
        var (code, _, err) = Cli.Run("bench", option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}

[Collection("console")]
public class HelpTests
{
    [Theory]
    [InlineData("solve")]
    [InlineData("verify")]
    [InlineData("resume")]
    [InlineData("study")]
    [InlineData("plot")]
    [InlineData("bench")]
    [InlineData("singularity")]
    public void Help_EveryCommand_PrintsUsage(string command)
    {
        // Spectre writes help to its own console; what matters is that rendering it does not fail
        // (a '[' in a description is read as markup and used to crash 'solve --help').
        var (code, _, err) = Cli.Run(command, "--help");
        Assert.True(code == 0, err);
        Assert.Equal("", err);
    }
}
