using System.Xml.Linq;
using SkiaSharp;

namespace Pinn.Verification.Tests.Figures;

/// <summary>Checks that written figure files are what they claim to be.</summary>
public static class FigureAssert
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A PNG of plausible size that decodes to an image of the expected pixel size.</summary>
    public static void Png(string path, int minimumBytes = 4_000)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length >= minimumBytes, $"{path}: only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.True(bitmap.Width >= 100 && bitmap.Height >= 100, $"{path}: {bitmap.Width} × {bitmap.Height} pixels");
    }

    /// <summary>An SVG document that parses as XML, with an svg root and some drawing and text in it.</summary>
    public static void Svg(string path)
    {
        var document = XDocument.Load(path);
        Assert.Equal("svg", document.Root!.Name.LocalName);
        Assert.Contains(document.Descendants(), e => e.Name.LocalName == "path");
        Assert.Contains(document.Descendants(), e => e.Name.LocalName == "text");
    }

    /// <summary>The number of clearly dark pixels (all channels below 100) in a region of a PNG.</summary>
    public static int DarkPixels(byte[] png, SKRectI region)
    {
        using var bitmap = SKBitmap.Decode(png);
        var count = 0;
        for (var y = Math.Max(region.Top, 0); y < Math.Min(region.Bottom, bitmap.Height); y++)
        {
            for (var x = Math.Max(region.Left, 0); x < Math.Min(region.Right, bitmap.Width); x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Alpha > 200 && c.Red < 100 && c.Green < 100 && c.Blue < 100)
                {
                    count++;
                }
            }
        }
        return count;
    }
}
