using System.Text.RegularExpressions;
using OxyPlot;
using OxyPlot.SkiaSharp;

namespace Pinn.Verification.Figures;

/// <summary>
/// Writes figures as PNG and SVG files next to a base path, atomically: <c>run.h5</c> with the figure
/// <c>loss</c> gives <c>run.loss.png</c> and <c>run.loss.svg</c>.
/// </summary>
/// <remarks>
/// All files are first rendered to temporary files (<c>.NAME.PID-GUID.tmp</c>, <see cref="AtomicFile"/>) in the target directory; only when every
/// one is complete are they renamed over their targets, so a failed render leaves no file behind and an existing
/// figure is replaced only by a complete one. If a rename fails, the temporary files not yet renamed are deleted and
/// an <see cref="IOException"/> names the file (figures renamed before it stay, complete). A plot that OxyPlot cannot
/// lay out (it would draw the exception text instead) fails with <see cref="InvalidOperationException"/>, also
/// leaving nothing behind.
/// Text is drawn without HarfBuzz shaping (the Linux native HarfBuzz library is not referenced; Latin, Greek and
/// mathematical symbols need no shaping) in the family chosen by <see cref="FigureFonts"/>.
/// </remarks>
public static partial class FigureWriter
{
    private static readonly string[] ResultExtensions = [".h5", ".hdf5"];

    /// <summary>
    /// Writes each figure in the formats of <paramref name="options"/> and returns the full paths written, in order
    /// (per figure: PNG then SVG).
    /// </summary>
    /// <param name="basePath">A results file (<c>run.h5</c>: the extension .h5/.hdf5 is dropped) or a path prefix
    /// (<c>out/run</c>); its directory must exist.</param>
    /// <param name="figures">The figures; their names must be distinct.</param>
    /// <param name="options">Size and formats; <see cref="FigureOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">A name is invalid or repeated, or the options are out of range.</exception>
    /// <exception cref="IOException">A file cannot be written (one-line message naming it); nothing is left behind.</exception>
    public static IReadOnlyList<string> Write(string basePath, IEnumerable<Figure> figures, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        options ??= FigureOptions.Default;
        options.Validate();
        var list = figures.ToList();
        CheckNames(list);
        var prefix = Prefix(basePath);

        var pending = new List<(string Temporary, string Target)>();
        var written = new List<string>();
        var current = prefix;
        try
        {
            foreach (var figure in list)
            {
                foreach (var (format, extension) in new[] { (FigureFormats.Png, ".png"), (FigureFormats.Svg, ".svg") })
                {
                    if ((options.Formats & format) == 0)
                    {
                        continue;
                    }
                    current = $"{prefix}.{figure.Name}{extension}";
                    var temporary = AtomicFile.Temporary(current, "figure");
                    pending.Add((temporary, current));
                    Render(figure, format, temporary, options);
                }
            }
            while (pending.Count > 0)
            {
                var (temporary, target) = pending[0];
                current = target;
                if (Directory.Exists(target))
                {
                    throw new IOException("it is a directory.");
                }
                File.Move(temporary, target, overwrite: true);
                pending.RemoveAt(0);
                written.Add(target);
            }
            return written;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            foreach (var (temporary, _) in pending)
            {
                AtomicFile.Discard(temporary);
            }
            if (ex is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                var kept = written.Count == 0 ? "" : $" ({written.Count} earlier file(s) were written)";
                throw new IOException($"cannot write figure '{current}': {AtomicFile.Cause(ex)}{kept}", ex);
            }
            throw;
        }
    }

    /// <summary>The path prefix figures are written under: the full path of <paramref name="basePath"/> without an HDF5 extension.</summary>
    /// <exception cref="IOException">The path is invalid, a directory, or its directory does not exist.</exception>
    public static string Prefix(string basePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(basePath);
        string full;
        try
        {
            full = Path.GetFullPath(basePath);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new IOException($"cannot write figures next to '{basePath}': the path is not valid ({OneLine(ex.Message)}).", ex);
        }
        if (Directory.Exists(full) || string.IsNullOrEmpty(Path.GetFileName(full)))
        {
            throw new IOException($"cannot write figures next to '{basePath}': it is a directory; give a file name such as run.h5.");
        }
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new IOException($"cannot write figures next to '{basePath}': directory '{directory}' does not exist.");
        }
        var extension = Path.GetExtension(full);
        return ResultExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase) ? full[..^extension.Length] : full;
    }

    private static void Render(Figure figure, FigureFormats format, string path, FigureOptions options)
    {
        var model = figure.Model;
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        if (format == FigureFormats.Png)
        {
            // OxyPlot's Width and Height are pixels and Dpi scales the drawing, so both grow with the resolution.
            var scale = options.PngResolution / 96;
            new OxyPlot.SkiaSharp.PngExporter
            {
                Width = (int)Math.Round(options.Width * scale),
                Height = (int)Math.Round(options.Height * scale),
                Dpi = (float)options.PngResolution,
                UseTextShaping = false,
            }.Export(model, stream);
        }
        else
        {
            new OxyPlot.SkiaSharp.SvgExporter { Width = options.Width, Height = options.Height }.Export(model, stream);
        }
        stream.Flush(flushToDisk: true);
        // OxyPlot catches errors while laying out a plot and draws their text instead: treat that as a failure.
        if (model.GetLastPlotException() is { } error)
        {
            throw new InvalidOperationException($"figure '{figure.Name}' could not be drawn: {OneLine(error.Message)}", error);
        }
    }

    private static void CheckNames(List<Figure> figures)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var figure in figures)
        {
            ArgumentNullException.ThrowIfNull(figure);
            ArgumentNullException.ThrowIfNull(figure.Model, nameof(figure.Model));
            if (figure.Name is null || !NamePattern().IsMatch(figure.Name))
            {
                throw new ArgumentException(
                    $"figure name '{figure.Name}' is not valid: use letters, digits, '-' and '_' (1 to 64 characters).", nameof(figures));
            }
            if (!seen.Add(figure.Name))
            {
                throw new ArgumentException($"figure name '{figure.Name}' is used twice.", nameof(figures));
            }
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
