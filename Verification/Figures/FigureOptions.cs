namespace Pinn.Verification.Figures;

/// <summary>Size and formats of written figures.</summary>
/// <param name="Width">Width in device-independent pixels (1/96 inch).</param>
/// <param name="Height">Height in device-independent pixels.</param>
/// <param name="Formats">Which files to write.</param>
/// <param name="PngResolution">Dots per inch of the PNG files: 96 writes Width × Height pixels, 192 twice as many per
/// side with the same layout (the SVG is always Width × Height).</param>
public sealed record FigureOptions(int Width = 720, int Height = 500, FigureFormats Formats = FigureFormats.All,
    double PngResolution = 144)
{
    /// <summary>The defaults: 720 × 500, PNG at 144 dpi (1080 × 750 pixels) and SVG.</summary>
    public static FigureOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a size or resolution out of range or no format.</summary>
    public void Validate()
    {
        if (Width is < 50 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Width), Width, "the figure width must be between 50 and 10000.");
        }
        if (Height is < 50 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Height), Height, "the figure height must be between 50 and 10000.");
        }
        if (!(PngResolution is >= 24 and <= 600))
        {
            throw new ArgumentOutOfRangeException(nameof(PngResolution), PngResolution, "the PNG resolution must be between 24 and 600 dpi.");
        }
        if ((Formats & FigureFormats.All) == 0 || (Formats & ~FigureFormats.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Formats), Formats, "choose PNG, SVG or both.");
        }
    }
}
