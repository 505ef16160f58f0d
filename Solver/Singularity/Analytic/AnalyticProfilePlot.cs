using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Pinn.Solver.Singularity;

/// <summary>Figures of an analytic profile search over the compactified line ζ = sign(y)(1 − t): the profile f and its
/// Hilbert partner g, and log₁₀|R̃| after each stage (PNG and SVG, each via a temporary file renamed into place).</summary>
public static class AnalyticProfilePlot
{
    /// <summary>Writes BASE-profile.png/.svg and BASE-residual.png/.svg; returns BASE.</summary>
    public static string Write(string basePath, AnalyticProfileResult result)
    {
        ResidualPlot.Save(basePath + "-profile", Profile(result));
        ResidualPlot.Save(basePath + "-residual", Residual(result));
        return basePath;
    }

    private static string Axis => "ζ = sign(y)(1 − t),  t = (1 + y^2)^(−1/(2(1+λ)))";

    /// <summary>f and g divided by their far-field growth (1 + y²)^(α/2) against ζ (both tend to constants as |y| → ∞).</summary>
    public static PlotModel Profile(AnalyticProfileResult r)
    {
        var model = new PlotModel { Title = $"{r.Equation}, branch {r.Branch}: profile scaled by (1 + y^2)^(-α/2)", Subtitle = $"λ = {r.Lambda:R}" };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopRight });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = Axis, Minimum = -1, Maximum = 1 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "f·(1 + y^2)^(-α/2),  g·(1 + y^2)^(-α/2)" });
        foreach (var (title, values) in new[] { ("profile f", r.Profile), ("Hilbert partner g", r.Partner) })
        {
            var series = new LineSeries { Title = title, StrokeThickness = 1 };
            int block = Math.Max(1, r.Zeta.Length / 2000);
            for (int k = 0; k < r.Zeta.Length; k += block) series.Points.Add(new DataPoint(r.Zeta[k], values[k] * AnalyticProfile.Weight(r.GridY[k], r.Lambda)));
            model.Series.Add(series);
        }
        return model;
    }

    /// <summary>log₁₀|R̃| after each stage against ζ (each block of points drawn by its largest value).</summary>
    public static PlotModel Residual(AnalyticProfileResult r) => ResidualPlot.StageResiduals(
        $"{r.Equation}, branch {r.Branch}: envelope-scaled residual after each stage", $"λ = {r.Lambda:R}, max |R̃| = {r.MaxResidual:E2}",
        Axis, r.Zeta, r.Stages.Select(s => (s.Index, s.MaxResidual, s.Residual)));
}
