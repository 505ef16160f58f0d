using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Pinn.Verification.Figures;

/// <summary>
/// The figure of a <see cref="ConvergenceStudy"/>: error against the varied quantity on log-log axes, one line with
/// markers per series (its legend entry gives the observed order), dashed grey reference slopes.
/// </summary>
public static class ConvergenceFigure
{
    /// <summary>Builds the figure named <paramref name="name"/> (default <c>convergence</c>).</summary>
    /// <param name="study">The rows.</param>
    /// <param name="name">The figure's file-name part.</param>
    /// <param name="curves">Draw long series (e.g. error against wall time) as plain lines, without markers or observed orders.</param>
    /// <exception cref="ArgumentException">No row of the study is drawable (positive and finite).</exception>
    public static Figure Build(ConvergenceStudy study, string name = "convergence", bool curves = false)
    {
        ArgumentNullException.ThrowIfNull(study);
        var series = study.SeriesNames.Select(s => (Name: s, Points: study.Points(s))).Where(s => s.Points.Length > 0).ToArray();
        if (series.Length == 0)
        {
            throw new ArgumentException("the convergence study has no row with a positive, finite quantity and error to draw.", nameof(study));
        }
        var model = FigureStyle.Model(study.Title);
        model.Axes.Add(FigureStyle.LogAxis(AxisPosition.Bottom, study.QuantityLabel));
        model.Axes.Add(FigureStyle.LogAxis(AxisPosition.Left, study.ErrorLabel));
        model.Legends.Add(FigureStyle.Legend(LegendPosition.TopRight));

        var markers = new[] { MarkerType.Circle, MarkerType.Square, MarkerType.Triangle, MarkerType.Diamond, MarkerType.Cross };
        for (var s = 0; s < series.Length; s++)
        {
            var order = curves ? double.NaN : study.ObservedOrder(series[s].Name);
            var line = new LineSeries
            {
                Title = double.IsFinite(order) ? $"{series[s].Name} (order {order:0.00})" : series[s].Name,
                Color = FigureStyle.Color(s),
                StrokeThickness = 1.8,
                MarkerType = curves ? MarkerType.None : markers[s % markers.Length],
                MarkerSize = 4,
                MarkerFill = FigureStyle.Color(s),
                MarkerStroke = FigureStyle.Color(s),
            };
            line.Points.AddRange(series[s].Points.Select(p => new DataPoint(p.Quantity, p.Error)));
            model.Series.Add(line);
        }

        var all = series.SelectMany(s => s.Points).ToArray();
        var (minimum, maximum) = (all.Min(p => p.Quantity), all.Max(p => p.Quantity));
        // The reference lines start a factor 3 below the first series' first point, so they do not hide it.
        var anchor = (series[0].Points[0].Quantity, Error: series[0].Points[0].Error / 3);
        foreach (var (order, label) in study.ReferenceOrders)
        {
            if (!(maximum > minimum))
            {
                break;
            }
            var reference = new LineSeries { Title = label, Color = OxyColors.Gray, LineStyle = LineStyle.Dash, StrokeThickness = 1.5 };
            foreach (var q in new[] { minimum, maximum })
            {
                reference.Points.Add(new DataPoint(q, anchor.Error * Math.Pow(q / anchor.Quantity, order)));
            }
            model.Series.Add(reference);
        }
        return new Figure(name, model);
    }
}
