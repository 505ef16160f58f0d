using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;
using Pinn.Verification.Figures;

namespace Pinn.Verification.Tests.Figures;

public class FieldAndHistoryFiguresTests
{
    [Fact]
    public void FieldFigures_GridWithExact_HeatMapsOfSolutionExactAndErrorWithColourBars()
    {
        var figures = FieldFigures.Build(FigureSamples.Grid2D(11, shuffle: true));

        Assert.Equal(["solution", "exact", "error"], figures.Select(f => f.Name));
        foreach (var figure in figures)
        {
            var heatMap = Assert.IsType<HeatMapSeries>(Assert.Single(figure.Model.Series));
            Assert.Equal((11, 11), (heatMap.Data.GetLength(0), heatMap.Data.GetLength(1)));
            Assert.Single(figure.Model.Axes.OfType<LinearColorAxis>());
            Assert.False(string.IsNullOrEmpty(figure.Model.Title));
        }
        var error = figures[2].Model.Axes.OfType<LinearColorAxis>().Single();
        Assert.Equal(-error.Minimum, error.Maximum);   // symmetric about zero
    }

    [Fact]
    public void FieldFigures_SpaceTime_PutsTimeOnTheHorizontalAxis()
    {
        var figure = FieldFigures.Build(FigureSamples.Grid2D(5, ["x", "t"]))[0].Model;
        Assert.Equal("t", figure.Axes.Single(a => a.Position == AxisPosition.Bottom).Title);
        Assert.Equal("x", figure.Axes.Single(a => a.Position == AxisPosition.Left).Title);
        var heatMap = (HeatMapSeries)figure.Series[0];
        // Data[i, j] is at (t_i, x_j): u* = sin(πx) sin(πt) is symmetric, so compare with the error instead.
        var evaluation = FigureSamples.Grid2D(5, ["x", "t"]);
        Assert.Equal(evaluation.Prediction[1 * 5 + 2], heatMap.Data[2, 1]);   // point (x = 0.25, t = 0.5)
    }

    [Fact]
    public void FieldFigures_ScatteredPoints_FallBackToScatterPlots()
    {
        var figures = FieldFigures.Build(FigureSamples.Scattered2D(200));
        Assert.Equal(["solution", "exact", "error"], figures.Select(f => f.Name));
        Assert.All(figures, f => Assert.Equal(200, Assert.IsType<ScatterSeries>(Assert.Single(f.Model.Series)).Points.Count));
        Assert.Contains("not an equispaced grid", figures[2].Model.Subtitle);
    }

    [Fact]
    public void FieldFigures_WithoutExact_OmitsTheExactFigure() =>
        Assert.Equal(["solution", "error"], FieldFigures.Build(FigureSamples.Grid2D(5, withExact: false)).Select(f => f.Name));

    [Fact]
    public void FieldFigures_OneDimension_LinePlotsSortedByCoordinate()
    {
        var figures = FieldFigures.Build(FigureSamples.Line1D(21));
        Assert.Equal(["solution", "error"], figures.Select(f => f.Name));
        var prediction = (LineSeries)figures[0].Model.Series[0];
        Assert.Equal(2, figures[0].Model.Series.Count);
        Assert.Equal(prediction.Points.Select(p => p.X).Order(), prediction.Points.Select(p => p.X));
    }

    [Fact]
    public void FieldFigures_ThreeDimensions_AreSkipped()
    {
        Assert.Empty(FieldFigures.Build(FigureSamples.Grid3D()));
        Assert.False(FieldFigures.Supports(3));
    }

    [Fact]
    public void HistoryFigures_TwoPhases_MarkTheBoundaryInBothPanels()
    {
        var history = FigureSamples.History();
        var model = HistoryFigures.Build(history, HistoryAxis.Step)!;

        var boundaries = model.Annotations.OfType<LineAnnotation>().ToArray();
        Assert.Equal(2, boundaries.Length);
        Assert.All(boundaries, b => Assert.Equal(600, b.X));
        Assert.Contains(boundaries, b => b.Text == "→ lbfgs");
        Assert.Equal(2, model.Axes.OfType<LogarithmicAxis>().Count());
        var error = model.Series.OfType<LineSeries>().Single(s => s.Title == "rel. L2 error");
        Assert.Equal(history.RelativeL2.Count(double.IsFinite), error.Points.Count);   // NaN rows are skipped, not gaps
        Assert.Equal(2 + history.TermNames.Length, model.Series.Count);
    }

    [Fact]
    public void HistoryFigures_WallTime_UsesSecondsOnTheHorizontalAxis()
    {
        var history = FigureSamples.History(80);
        var model = HistoryFigures.Build(history, HistoryAxis.Seconds)!;
        Assert.Equal("wall time [s]", model.Axes.Single(a => a.Position == AxisPosition.Bottom).Title);
        Assert.Equal(history.Seconds[60], model.Annotations.OfType<LineAnnotation>().First().X);
    }

    [Fact]
    public void HistoryFigures_NoErrorEvaluated_OnePanelWithoutErrorSeries()
    {
        var history = FigureSamples.History(30);
        history = history with { RelativeL2 = history.RelativeL2.Select(_ => double.NaN).ToArray() };
        var model = HistoryFigures.Build(history, HistoryAxis.Step)!;
        Assert.Single(model.Axes.OfType<LogarithmicAxis>());
        Assert.DoesNotContain(model.Series, s => s.Title == "rel. L2 error");
    }

    [Fact]
    public void HistoryFigures_EmptyOrUndrawableHistory_MakesNoFigure()
    {
        Assert.Empty(HistoryFigures.All(HistoryRecord.Empty("pde")));
        var zeros = new HistoryRecord([0, 1], [0, 1], [0, double.NaN], new double[2, 0], [], [double.NaN, double.NaN], ["a", "a"]);
        Assert.Null(HistoryFigures.Build(zeros, HistoryAxis.Step));
    }

    [Fact]
    public void HistoryFigures_ZeroAndInfiniteLosses_BreakTheLineWithoutThrowing()
    {
        var history = new HistoryRecord([0, 1, 2, 3], [0, 1, 2, 3], [1, 0, double.PositiveInfinity, 0.5], new double[4, 0], [],
            [0.1, double.NaN, 0.05, -1], ["adam", "adam", "adam", "adam"]);
        var model = HistoryFigures.Build(history, HistoryAxis.Step)!;
        var loss = (LineSeries)model.Series[0];
        Assert.Equal(2, loss.Points.Count(p => p.IsDefined()));
        Assert.Empty(model.Annotations);
    }

    [Fact]
    public void Convergence_PowerLaws_ObservedOrdersAndOneSeriesEach()
    {
        var study = new ConvergenceStudy("study", "points N", "rel. L2 error").WithReferenceOrder(-2, "O(N⁻²)");
        foreach (var n in new[] { 10, 20, 40, 80 })
        {
            study.Add("a", n, 5.0 / (n * n)).Add("b", n, 0.3 / Math.Sqrt(n));
        }
        study.Add("b", 0, 1).Add("b", 160, double.NaN);   // not drawable

        Assert.Equal(-2, study.ObservedOrder("a"), 12);
        Assert.Equal(-0.5, study.ObservedOrder("b"), 12);
        var figure = ConvergenceFigure.Build(study);
        Assert.Equal("convergence", figure.Name);
        Assert.Equal(3, figure.Model.Series.Count);
        Assert.Equal(4, ((LineSeries)figure.Model.Series[1]).Points.Count);
        Assert.Equal(2, figure.Model.Axes.OfType<LogarithmicAxis>().Count());
        Assert.Contains("order -2.00", figure.Model.Series[0].Title);
    }

    [Fact]
    public void Convergence_NothingDrawable_Throws()
    {
        var study = new ConvergenceStudy("study", "N", "error").Add("a", 10, 0);
        Assert.Throws<ArgumentException>(() => ConvergenceFigure.Build(study));
        Assert.True(double.IsNaN(study.ObservedOrder("a")));
    }
}
