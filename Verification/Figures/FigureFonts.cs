using SkiaSharp;

namespace Pinn.Verification.Figures;

/// <summary>
/// The font family figures are drawn with: the first installed of a list of plain sans-serif families, found through
/// SkiaSharp's font manager (the Linux "NoDependencies" build of libSkiaSharp does not use fontconfig: it scans the
/// fixed folder /usr/share/fonts/ itself, so fonts elsewhere, e.g. ~/.fonts, are not seen).
/// </summary>
/// <remarks>
/// OxyPlot asks SkiaSharp for a typeface by family name and SkiaSharp silently substitutes the first family it
/// knows for an unknown name (on Debian that can be a mathematical font), so the family is named explicitly.
/// Without any font text would be drawn as nothing, which makes a figure unreadable; that case fails with a message
/// saying what to install (Debian: <c>fonts-dejavu-core</c>).
/// </remarks>
public static class FigureFonts
{
    /// <summary>Families tried in order; DejaVu Sans is Debian's default (package fonts-dejavu-core).</summary>
    public static IReadOnlyList<string> Preferred { get; } =
        ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "FreeSans", "Open Sans", "Roboto"];

    private static readonly Lazy<string?> Resolved = new(Resolve);

    /// <summary>The family used, or null when SkiaSharp finds no font at all.</summary>
    public static string? Family => Resolved.Value;

    /// <summary>The family used; throws <see cref="InvalidOperationException"/> saying what to install when there is none.</summary>
    public static string Require() => Family ?? throw new InvalidOperationException(
        "no font found for figure text: SkiaSharp sees no font under /usr/share/fonts/; install one, " +
        "e.g. Debian/Ubuntu: apt-get install fonts-dejavu-core.");

    private static string? Resolve()
    {
        var families = SKFontManager.Default.FontFamilies.ToArray();
        if (families.Length == 0)
        {
            return null;
        }
        foreach (var name in Preferred)
        {
            var match = families.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }
        return families.FirstOrDefault(f => f.Contains("Sans", StringComparison.OrdinalIgnoreCase)
                && !f.Contains("Mono", StringComparison.OrdinalIgnoreCase))
            ?? families[0];
    }
}
