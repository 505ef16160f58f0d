using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;
using Pinn.Verification.Figures;
using SkiaSharp;

namespace Pinn.Verification.Tests.Figures;

public class FigureWriterTests
{
    private static Figure Simple(string name, string title = "A title")
    {
        var model = new PlotModel { Title = title, Background = OxyColors.White, DefaultFont = FigureFonts.Require() };
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "x" });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "y" });
        model.Series.Add(new FunctionSeries(Math.Sin, 0, 6, 0.1, "sin"));
        return new Figure(name, model);
    }

    [Fact]
    public void Write_RunRecord_WritesPngAndSvgOfEveryFigureNextToTheResultsFile()
    {
        using var directory = new TempDirectory();
        var record = SampleRecords.Poisson() with
        {
            Evaluation = FigureSamples.Grid2D(21),
            History = FigureSamples.History(40),
        };

        var files = RunFigures.Write(directory.File("run.h5"), record, new FigureOptions(Width: 400, Height: 300));

        string[] names = ["history", "history-time", "solution", "exact", "error"];
        Assert.Equal(names.SelectMany(n => new[] { directory.File($"run.{n}.png"), directory.File($"run.{n}.svg") }), files);
        Assert.Equal(files.Select(Path.GetFileName).Order(StringComparer.Ordinal), directory.Entries());
        foreach (var file in files)
        {
            if (file.EndsWith(".png", StringComparison.Ordinal))
            {
                FigureAssert.Png(file);
            }
            else
            {
                FigureAssert.Svg(file);
            }
        }
    }

    [Fact]
    public void Write_PngResolution_ScalesThePixelSize()
    {
        using var directory = new TempDirectory();
        var file = FigureWriter.Write(directory.File("a"), [Simple("plot")], new FigureOptions(300, 200, FigureFormats.Png, 192)).Single();
        using var bitmap = SKBitmap.Decode(file);
        Assert.Equal((600, 400), (bitmap.Width, bitmap.Height));
        Assert.Equal(directory.File("a.plot.png"), file);
    }

    [Fact]
    public void Write_Title_DrawsTextInThePng()
    {
        // A font must be found and used: the title band of the PNG has dark pixels only when the title is drawn.
        using var directory = new TempDirectory();
        var options = new FigureOptions(400, 300, FigureFormats.Png, 96);
        var with = File.ReadAllBytes(FigureWriter.Write(directory.File("a"), [Simple("titled", "Title Text WWW")], options)[0]);
        var without = File.ReadAllBytes(FigureWriter.Write(directory.File("b"), [Simple("untitled", "")], options)[0]);
        var band = new SKRectI(100, 0, 300, 22);

        Assert.NotNull(FigureFonts.Family);
        Assert.True(FigureAssert.DarkPixels(with, band) > 40, $"{FigureAssert.DarkPixels(with, band)} dark pixels in the title band");
        Assert.True(FigureAssert.DarkPixels(without, new SKRectI(0, 0, 400, 8)) == 0);
    }

    [Fact]
    public void Prefix_ResultsFile_DropsOnlyTheHdf5Extension()
    {
        using var directory = new TempDirectory();
        Assert.Equal(directory.File("run"), FigureWriter.Prefix(directory.File("run.h5")));
        Assert.Equal(directory.File("run"), FigureWriter.Prefix(directory.File("run.HDF5")));
        Assert.Equal(directory.File("poisson_n=1e3"), FigureWriter.Prefix(directory.File("poisson_n=1e3")));
    }

    [Fact]
    public void Write_TargetIsADirectory_ThrowsAndLeavesNothingBehind()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("run.first.svg"));

        var error = Assert.Throws<IOException>(() => FigureWriter.Write(directory.File("run.h5"), [Simple("first"), Simple("second")]));

        Assert.Contains("run.first.svg", error.Message);
        Assert.Equal(["run.first.png", "run.first.svg"], directory.Entries());   // the PNG was complete and renamed first
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.File("run.first.svg")));
    }

    [Fact]
    public void Write_RenderFails_LeavesNoFileAtAll()
    {
        using var directory = new TempDirectory();
        var broken = new PlotModel { Title = "broken" };
        broken.Series.Add(new LineSeries { XAxisKey = "no such axis" });

        var error = Assert.Throws<InvalidOperationException>(() => FigureWriter.Write(directory.File("run.h5"), [Simple("good"), new Figure("broken", broken)]));
        Assert.Contains("broken", error.Message);

        Assert.Empty(directory.Entries());
    }

    [Fact]
    public void Write_MissingDirectory_ThrowsIOExceptionNamingIt()
    {
        using var directory = new TempDirectory();
        var error = Assert.Throws<IOException>(() => FigureWriter.Write(directory.File("absent/run.h5"), [Simple("plot")]));
        Assert.Contains("does not exist", error.Message);
        Assert.Empty(directory.Entries());
    }

    [UnwritableDirectoryFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Write_UnwritableDirectory_ThrowsAndLeavesNothingBehind()
    {
        using var directory = new TempDirectory();
        File.SetUnixFileMode(directory.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Assert.Throws<IOException>(() => FigureWriter.Write(directory.File("run.h5"), [Simple("plot")]));
        File.SetUnixFileMode(directory.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Empty(directory.Entries());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a/b")]
    [InlineData("spaced name")]
    public void Write_InvalidFigureName_Throws(string name)
    {
        using var directory = new TempDirectory();
        Assert.Throws<ArgumentException>(() => FigureWriter.Write(directory.File("run.h5"), [Simple(name)]));
        Assert.Empty(directory.Entries());
    }

    [Fact]
    public void Write_RepeatedFigureName_Throws()
    {
        using var directory = new TempDirectory();
        Assert.Throws<ArgumentException>(() => FigureWriter.Write(directory.File("run.h5"), [Simple("a"), Simple("A")]));
    }
}
