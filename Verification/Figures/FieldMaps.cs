using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Pinn.Verification.Figures;

/// <summary>The 2-D part of <see cref="FieldFigures"/>: heat maps on a grid, coloured scatter plots otherwise.</summary>
internal static class FieldMaps
{
    private const int PaletteSize = 256;

    public static IReadOnlyList<Figure> Build(EvaluationRecord evaluation)
    {
        var grid = EvaluationGrid.TryDetect(evaluation.Points);
        var heatMap = grid is { IsUniform: true };
        // A coordinate named t goes on the horizontal axis (space-time plots read left to right in time).
        var (horizontal, vertical) = evaluation.CoordinateNames[1] == "t" && evaluation.CoordinateNames[0] != "t" ? (1, 0) : (0, 1);
        var layout = heatMap ? null : "points are not an equispaced grid: one dot per point";

        var range = Range(evaluation.Prediction.Concat(evaluation.Exact ?? []));
        var figures = new List<Figure>
        {
            new("solution", Map("Prediction (network)", layout, "u", evaluation.Prediction, range, Sequential())),
        };
        if (evaluation.Exact is { } exact)
        {
            figures.Add(new Figure("exact", Map("Exact solution u*", layout, "u*", exact, range, Sequential())));
        }
        var largest = ErrorNorms.MaxAbs(evaluation.Error);
        largest = double.IsFinite(largest) && largest > 0 ? largest : 1;
        var subtitle = FieldFigures.ErrorSummary(evaluation) + (layout is null ? "" : $"\n{layout}");
        figures.Add(new Figure("error", Map(
            evaluation.Exact is null ? "Pointwise error against the reference solution" : "Pointwise error",
            subtitle, "u − u*", evaluation.Error, (-largest, largest), OxyPalettes.BlueWhiteRed(PaletteSize))));
        return figures;

        PlotModel Map(string title, string? subtitle, string quantity, double[] values, (double Min, double Max) scale, OxyPalette palette)
        {
            var model = FigureStyle.Model(title, subtitle);
            model.Axes.Add(FigureStyle.LinearAxis(AxisPosition.Bottom, evaluation.CoordinateNames[horizontal]));
            model.Axes.Add(FigureStyle.LinearAxis(AxisPosition.Left, evaluation.CoordinateNames[vertical]));
            foreach (var axis in model.Axes)
            {
                axis.MajorGridlineStyle = LineStyle.None;
            }
            model.Axes.Add(new LinearColorAxis
            {
                Position = AxisPosition.Right,
                Palette = palette,
                Minimum = scale.Min,
                Maximum = scale.Max,
                Title = quantity,
                HighColor = OxyColors.Undefined,
                LowColor = OxyColors.Undefined,
                StringFormat = "g3",
                InvalidNumberColor = OxyColors.Gray,
            });
            model.Series.Add(heatMap ? HeatMap(grid!, values, horizontal) : Scatter(evaluation.Points, values, horizontal, vertical));
            return model;
        }
    }

    private static HeatMapSeries HeatMap(EvaluationGrid grid, double[] values, int horizontal)
    {
        var data = grid.ToMatrix(values);
        var (across, up) = (grid.Axes[horizontal], grid.Axes[1 - horizontal]);
        return new HeatMapSeries
        {
            X0 = across[0],
            X1 = across[^1],
            Y0 = up[0],
            Y1 = up[^1],
            Data = horizontal == 0 ? data : Transpose(data),
            CoordinateDefinition = HeatMapCoordinateDefinition.Center,
            Interpolate = false,
            RenderMethod = HeatMapRenderMethod.Bitmap,
        };
    }

    private static ScatterSeries Scatter(double[,] points, double[] values, int horizontal, int vertical)
    {
        var series = new ScatterSeries { MarkerType = MarkerType.Square, MarkerStrokeThickness = 0 };
        var size = Math.Clamp(120 / Math.Sqrt(Math.Max(values.Length, 1)), 1.5, 5);
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsFinite(points[i, horizontal]) && double.IsFinite(points[i, vertical]))
            {
                series.Points.Add(new ScatterPoint(points[i, horizontal], points[i, vertical], size, values[i]));
            }
        }
        return series;
    }

    private static double[,] Transpose(double[,] data)
    {
        var result = new double[data.GetLength(1), data.GetLength(0)];
        for (var i = 0; i < data.GetLength(0); i++)
        {
            for (var j = 0; j < data.GetLength(1); j++)
            {
                result[j, i] = data[i, j];
            }
        }
        return result;
    }

    /// <summary>The finite minimum and maximum, widened when equal; (0, 1) when nothing is finite.</summary>
    private static (double Min, double Max) Range(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var value in values.Where(double.IsFinite))
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }
        if (min > max)
        {
            return (0, 1);
        }
        if (min == max)
        {
            var pad = Math.Max(Math.Abs(min) * 1e-3, 1e-12);
            return (min - pad, max + pad);
        }
        return (min, max);
    }

    private static OxyPalette Sequential() => OxyPalettes.Viridis(PaletteSize);
}
