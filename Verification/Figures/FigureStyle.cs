using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;

namespace Pinn.Verification.Figures;

/// <summary>The common look of every figure: white background, the resolved font, sizes, legends and log axes.</summary>
internal static class FigureStyle
{
    public static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>An empty model with a title (and optional subtitle) in the common style.</summary>
    public static PlotModel Model(string title, string? subtitle = null) => new()
    {
        Title = title,
        Subtitle = subtitle,
        Background = OxyColors.White,
        PlotAreaBackground = OxyColors.White,
        DefaultFont = FigureFonts.Require(),
        DefaultFontSize = 13,
        TitleFontSize = 16,
        SubtitleFontSize = 12,
        TitleFontWeight = FontWeights.Normal,
        Padding = new OxyThickness(8, 8, 16, 8),
    };

    /// <summary>Distinct line colours (the "tab10" qualitative palette without its red, kept for errors).</summary>
    public static readonly OxyColor[] Colors =
    [
        OxyColor.Parse("#1f77b4"), OxyColor.Parse("#ff7f0e"), OxyColor.Parse("#2ca02c"), OxyColor.Parse("#9467bd"),
        OxyColor.Parse("#8c564b"), OxyColor.Parse("#e377c2"), OxyColor.Parse("#17becf"), OxyColor.Parse("#bcbd22"),
        OxyColor.Parse("#7f7f7f"),
    ];

    /// <summary>The colour of series <paramref name="index"/> (cycling).</summary>
    public static OxyColor Color(int index) => Colors[index % Colors.Length];

    /// <summary>A legend below the plot area, entries side by side.</summary>
    public static Legend LegendBelow() => new()
    {
        LegendPlacement = LegendPlacement.Outside,
        LegendPosition = LegendPosition.BottomCenter,
        LegendOrientation = LegendOrientation.Horizontal,
        LegendFontSize = 12,
    };

    /// <summary>A legend inside the plot area, top right, on a translucent white box.</summary>
    public static Legend Legend(LegendPosition position = LegendPosition.TopRight) => new()
    {
        LegendPlacement = LegendPlacement.Inside,
        LegendPosition = position,
        LegendBackground = OxyColor.FromAColor(220, OxyColors.White),
        LegendBorder = OxyColors.Gray,
        LegendFontSize = 12,
    };

    /// <summary>A base-10 logarithmic axis with major grid lines.</summary>
    public static LogarithmicAxis LogAxis(AxisPosition position, string title, string? key = null) => new()
    {
        Position = position,
        Title = title,
        Key = key,
        Base = 10,
        IntervalLength = position is AxisPosition.Bottom or AxisPosition.Top ? 90 : 36,   // horizontal labels are wide
        MajorGridlineStyle = LineStyle.Solid,
        MajorGridlineColor = OxyColor.FromAColor(60, OxyColors.Gray),
        // Solid, faint minor lines: dotted ones become thousands of tiny rectangles in Skia's SVG output.
        MinorGridlineStyle = LineStyle.Solid,
        MinorGridlineColor = OxyColor.FromAColor(22, OxyColors.Gray),
        UseSuperExponentialFormat = true,
    };

    /// <summary>A linear axis with major grid lines.</summary>
    public static LinearAxis LinearAxis(AxisPosition position, string title, string? key = null) => new()
    {
        Position = position,
        Title = title,
        Key = key,
        MajorGridlineStyle = LineStyle.Solid,
        MajorGridlineColor = OxyColor.FromAColor(60, OxyColors.Gray),
    };

    /// <summary>Whether a value can be drawn on a logarithmic axis (finite and positive).</summary>
    public static bool Loggable(double value) => double.IsFinite(value) && value > 0;

    /// <summary>A number in short scientific notation, e.g. 1.23e-04.</summary>
    public static string Short(double value) => value.ToString("0.00e+00", Culture);
}
