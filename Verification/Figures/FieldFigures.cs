using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Pinn.Verification.Figures;

/// <summary>
/// Figures of the solution over the domain from an <see cref="EvaluationRecord"/>: for 2-D domains (including 1+1-D
/// space-time) heat maps of the prediction (<c>solution</c>), the exact solution (<c>exact</c>, when known) and the
/// pointwise error u − u* (<c>error</c>); for 1-D domains line plots of prediction against exact (<c>solution</c>) and of
/// the error (<c>error</c>). Domains of more than 2 dimensions get no field figures (a slice would need choices this
/// record does not hold).
/// </summary>
/// <remarks>
/// Points that form a complete equispaced tensor grid (<see cref="EvaluationGrid"/>) are drawn as heat maps cell by
/// cell; any other point set falls back to a scatter plot coloured by value. The prediction and the exact solution
/// share one colour scale (viridis) so they can be compared; the signed error uses a diverging blue–white–red scale
/// symmetric about zero. In 2-D a coordinate named <c>t</c> goes on the horizontal axis.
/// </remarks>
public static class FieldFigures
{
    /// <summary>The field figures of <paramref name="evaluation"/>; empty for more than 2 coordinates or no points.</summary>
    /// <exception cref="ArgumentException">The record is inconsistent.</exception>
    public static IReadOnlyList<Figure> Build(EvaluationRecord evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        evaluation.Validate();
        return evaluation.CoordinateNames.Length switch
        {
            _ when evaluation.PointCount == 0 => [],
            1 => Lines(evaluation),
            2 => FieldMaps.Build(evaluation),
            _ => [],
        };
    }

    /// <summary>Whether <see cref="Build"/> makes figures for a domain of this many coordinates (1 or 2).</summary>
    public static bool Supports(int dimension) => dimension is 1 or 2;

    /// <summary>A subtitle with the error norms, e.g. "rel. L2 1.23e-03 · max |u − u*| 4.56e-03".</summary>
    internal static string ErrorSummary(EvaluationRecord evaluation)
    {
        var maxError = ErrorNorms.MaxAbs(evaluation.Error);
        var text = $"max |u − u*| = {FigureStyle.Short(maxError)}";
        return evaluation.Norms() is { } norms ? $"rel. L2 = {FigureStyle.Short(norms.RelativeL2)}   ·   {text}" : text;
    }

    private static IReadOnlyList<Figure> Lines(EvaluationRecord evaluation)
    {
        var name = evaluation.CoordinateNames[0];
        var order = Enumerable.Range(0, evaluation.PointCount).OrderBy(i => evaluation.Points[i, 0]).ToArray();
        DataPoint At(int i, double value) =>
            double.IsFinite(evaluation.Points[i, 0]) && double.IsFinite(value) ? new DataPoint(evaluation.Points[i, 0], value) : DataPoint.Undefined;

        var solution = FigureStyle.Model("Prediction and exact solution", ErrorSummary(evaluation));
        solution.Axes.Add(FigureStyle.LinearAxis(AxisPosition.Bottom, name));
        solution.Axes.Add(FigureStyle.LinearAxis(AxisPosition.Left, "u"));
        solution.Legends.Add(FigureStyle.Legend(LegendPosition.TopRight));
        var prediction = new LineSeries { Title = "prediction (network)", Color = OxyColors.SteelBlue, StrokeThickness = 2 };
        prediction.Points.AddRange(order.Select(i => At(i, evaluation.Prediction[i])));
        solution.Series.Add(prediction);
        if (evaluation.Exact is { } exact)
        {
            var reference = new LineSeries
            {
                Title = "exact u*", Color = OxyColors.Black, StrokeThickness = 1.5, LineStyle = LineStyle.Dash,
            };
            reference.Points.AddRange(order.Select(i => At(i, exact[i])));
            solution.Series.Add(reference);
        }

        var error = FigureStyle.Model("Pointwise error", ErrorSummary(evaluation));
        error.Axes.Add(FigureStyle.LinearAxis(AxisPosition.Bottom, name));
        error.Axes.Add(FigureStyle.LinearAxis(AxisPosition.Left, "u − u*"));
        var line = new LineSeries { Title = "u − u*", Color = OxyColors.Firebrick, StrokeThickness = 1.5 };
        line.Points.AddRange(order.Select(i => At(i, evaluation.Error[i])));
        error.Series.Add(line);
        return [new Figure("solution", solution), new Figure("error", error)];
    }
}
