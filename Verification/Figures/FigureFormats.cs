namespace Pinn.Verification.Figures;

/// <summary>The file formats <see cref="FigureWriter"/> writes; combine with <c>|</c>.</summary>
[Flags]
public enum FigureFormats
{
    /// <summary>A raster image (Portable Network Graphics), for a quick look and for reports.</summary>
    Png = 1,
    /// <summary>A vector image (Scalable Vector Graphics), for papers; heat maps are embedded as images.</summary>
    Svg = 2,
    /// <summary>Both formats.</summary>
    All = Png | Svg,
}
