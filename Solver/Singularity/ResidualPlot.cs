using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Pinn.Solver.Singularity;

/// <summary>The figure of a profile search: log₁₀|R̃| over the compactified line after each stage (PNG and SVG, OxyPlot).</summary>
public static class ResidualPlot
{
    /// <summary>Writes <c>BASE.png</c> and <c>BASE.svg</c> (each via a temporary file renamed into place); returns BASE.</summary>
    public static string Write(string basePath, SingularityResult result)
    {
        Save(basePath, Model(result));
        return basePath;
    }

    /// <summary>Writes <paramref name="model"/> as BASE.png and BASE.svg (900×560, each via a temporary file renamed into place).</summary>
    public static void Save(string basePath, PlotModel model)
    {
        Atomic(basePath + ".png", stream => new OxyPlot.SkiaSharp.PngExporter { Width = 900, Height = 560, UseTextShaping = false }.Export(model, stream));
        Atomic(basePath + ".svg", stream => new OxyPlot.SkiaSharp.SvgExporter { Width = 900, Height = 560 }.Export(model, stream));
    }

    /// <summary>log₁₀|v| against ζ, the 10⁴⁺ points thinned to about 2 000 by keeping each block's largest |v| (the curve's envelope).</summary>
    public static LineSeries Envelope(string title, double[] zeta, double[] values)
    {
        var series = new LineSeries { Title = title, StrokeThickness = 1 };
        int block = Math.Max(1, zeta.Length / 2000);
        for (int k = 0; k < zeta.Length; k += block)
        {
            int end = Math.Min(zeta.Length, k + block);
            double peak = 0;
            for (int j = k; j < end; j++) peak = Math.Max(peak, Math.Abs(values[j]));
            series.Points.Add(new DataPoint(zeta[(k + end - 1) / 2], Math.Log10(Math.Max(peak, 1e-300))));
        }
        return series;
    }

    /// <summary>The plot model: one line per stage, x = ζ = sign(y)(1 − t) ∈ (−1, 1), y = log₁₀|R̃|.</summary>
    public static PlotModel Model(SingularityResult result) => StageResiduals(
        $"Burgers profile, branch {result.Branch}: envelope-scaled residual after each stage",
        $"λ = {result.Lambda:R} (|λ − λ*| = {result.LambdaError:E2}), max |R̃| = {result.MaxResidual:E2}",
        "ζ = sign(y)(1 − t),  t = (1 + y^(2m))^(−1/(2m(1+λ)))", result.Zeta, result.Stages.Select(s => (s.Index, s.MaxResidual, s.Residual)));

    /// <summary>log₁₀|R̃| after each stage against ζ ∈ (−1, 1), one envelope line per stage (both searches' residual figure).</summary>
    public static PlotModel StageResiduals(string title, string subtitle, string axis, double[] zeta, IEnumerable<(int Index, double MaxResidual, double[] Residual)> stages)
    {
        var model = new PlotModel { Title = title, Subtitle = subtitle };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopRight, LegendTitle = "stage" });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = axis, Minimum = -1, Maximum = 1 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "log10 |R̃(y)|" });
        foreach (var (index, max, residual) in stages) model.Series.Add(Envelope($"{index}: max {max:E1}", zeta, residual));
        return model;
    }

    private static void Atomic(string path, Action<Stream> write) => Pinn.Verification.AtomicFile.Write(path, write, "figure");
}
