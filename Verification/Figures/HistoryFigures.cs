using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Pinn.Verification.Figures;

/// <summary>
/// Training-history figures: the loss (total and per term) and the relative L2 error against the optimizer step or
/// wall time, both on logarithmic axes, in two panels that share the horizontal axis; dashed vertical lines mark
/// where the optimizer phase changes (e.g. Adam → L-BFGS), labelled with the new phase.
/// </summary>
/// <remarks>
/// Values that a logarithmic axis cannot show (zero, negative, NaN, ±∞) are left out: the loss curve breaks there;
/// the relative L2 error, NaN in rows where it was not evaluated, is drawn through the rows where it was. The error
/// panel is omitted when no row has an error, and no figure is made for a history without a drawable loss.
/// </remarks>
public static class HistoryFigures
{
    private const string LossKey = "loss";
    private const string ErrorKey = "error";

    /// <summary>The figures <c>history</c> (against step) and <c>history-time</c> (against wall time), when drawable.</summary>
    public static IReadOnlyList<Figure> All(HistoryRecord history)
    {
        var figures = new List<Figure>();
        if (Build(history, HistoryAxis.Step) is { } steps)
        {
            figures.Add(new Figure("history", steps));
        }
        if (Build(history, HistoryAxis.Seconds) is { } seconds)
        {
            figures.Add(new Figure("history-time", seconds));
        }
        return figures;
    }

    /// <summary>The history against <paramref name="axis"/>, or null when no row has a positive finite loss.</summary>
    /// <exception cref="ArgumentException">The record is inconsistent.</exception>
    public static PlotModel? Build(HistoryRecord history, HistoryAxis axis)
    {
        ArgumentNullException.ThrowIfNull(history);
        history.Validate();
        var x = axis == HistoryAxis.Step ? history.Step.Select(s => (double)s).ToArray() : history.Seconds;
        bool Drawable(int row, double y) => double.IsFinite(x[row]) && FigureStyle.Loggable(y);
        var rows = Enumerable.Range(0, history.RowCount);
        if (!rows.Any(i => Drawable(i, history.Loss[i])))
        {
            return null;
        }
        var hasError = rows.Any(i => Drawable(i, history.RelativeL2[i]));

        var xTitle = axis == HistoryAxis.Step ? "optimizer step" : "wall time [s]";
        var model = FigureStyle.Model(
            axis == HistoryAxis.Step ? "Training history" : "Training history against wall time",
            Summary(history));
        model.Legends.Add(FigureStyle.LegendBelow());
        model.Axes.Add(FigureStyle.LinearAxis(AxisPosition.Bottom, xTitle));
        var lossAxis = FigureStyle.LogAxis(AxisPosition.Left, "loss", LossKey);
        model.Axes.Add(lossAxis);
        if (hasError)
        {
            lossAxis.StartPosition = 0.45;
            var errorAxis = FigureStyle.LogAxis(AxisPosition.Left, "rel. L2 error", ErrorKey);
            errorAxis.EndPosition = 0.39;
            model.Axes.Add(errorAxis);
        }

        model.Series.Add(Line("loss (total)", LossKey, OxyColors.Black, 2.0,
            rows.Select(i => Drawable(i, history.Loss[i]) ? new DataPoint(x[i], history.Loss[i]) : DataPoint.Undefined)));
        for (var term = 0; term < history.TermNames.Length; term++)
        {
            var column = term;
            model.Series.Add(Line($"loss: {history.TermNames[term]}", LossKey, FigureStyle.Color(term), 1.2,
                rows.Select(i => Drawable(i, history.TermLoss[i, column])
                    ? new DataPoint(x[i], history.TermLoss[i, column]) : DataPoint.Undefined)));
        }
        if (hasError)
        {
            var error = Line("rel. L2 error", ErrorKey, OxyColors.Firebrick, 1.6,
                rows.Where(i => Drawable(i, history.RelativeL2[i])).Select(i => new DataPoint(x[i], history.RelativeL2[i])));
            error.MarkerType = MarkerType.Circle;
            error.MarkerSize = 2.5;
            error.MarkerFill = OxyColors.Firebrick;
            model.Series.Add(error);
        }
        AddPhaseBoundaries(model, history, x, hasError);
        return model;
    }

    private static LineSeries Line(string title, string yAxisKey, OxyColor color, double thickness, IEnumerable<DataPoint> points)
    {
        var series = new LineSeries
        {
            Title = title,
            YAxisKey = yAxisKey,
            Color = color,
            StrokeThickness = thickness,
            CanTrackerInterpolatePoints = false,
        };
        series.Points.AddRange(points);
        return series;
    }

    /// <summary>A dashed line at the first row of each phase after the first, in both panels; the label sits in the loss panel.</summary>
    private static void AddPhaseBoundaries(PlotModel model, HistoryRecord history, double[] x, bool hasError)
    {
        for (var i = 1; i < history.RowCount; i++)
        {
            if (string.Equals(history.Phase[i], history.Phase[i - 1], StringComparison.Ordinal) || !double.IsFinite(x[i]))
            {
                continue;
            }
            foreach (var key in hasError ? new[] { LossKey, ErrorKey } : [LossKey])
            {
                model.Annotations.Add(new LineAnnotation
                {
                    Type = LineAnnotationType.Vertical,
                    X = x[i],
                    YAxisKey = key,
                    Color = OxyColors.DimGray,
                    LineStyle = LineStyle.Dash,
                    StrokeThickness = 1,
                    Text = key == LossKey ? $"→ {history.Phase[i]}" : null,
                    TextColor = OxyColors.DimGray,
                    TextOrientation = AnnotationTextOrientation.Horizontal,
                    TextHorizontalAlignment = HorizontalAlignment.Left,
                    TextVerticalAlignment = VerticalAlignment.Top,
                    TextLinePosition = 1,
                    TextMargin = 4,
                });
            }
        }
    }

    /// <summary>"phases adam → lbfgs · final loss 1.2e-05 · final rel. L2 3.4e-04".</summary>
    private static string Summary(HistoryRecord history)
    {
        var parts = new List<string>();
        var phases = history.PhaseNames();
        if (phases.Length > 0)
        {
            parts.Add((phases.Length == 1 ? "phase " : "phases ") + string.Join(" → ", phases));
        }
        var loss = history.Loss.LastOrDefault(double.IsFinite, double.NaN);
        if (double.IsFinite(loss))
        {
            parts.Add($"final loss {FigureStyle.Short(loss)}");
        }
        var error = history.RelativeL2.LastOrDefault(double.IsFinite, double.NaN);
        if (double.IsFinite(error))
        {
            parts.Add($"last rel. L2 {FigureStyle.Short(error)}");
        }
        return string.Join("   ·   ", parts);
    }
}
