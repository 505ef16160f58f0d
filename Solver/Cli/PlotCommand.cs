using Pinn.Verification;
using Pinn.Verification.Figures;
using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>
/// <c>pinn plot FILE.h5</c>: loss and error against step and wall time, and (2-D, 1+1-D) the solution, the
/// exact solution and the error as heatmaps, or (1-D) line plots, as PNG and SVG next to the file.
/// </summary>
public sealed class PlotCommand : Command<PlotSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, PlotSettings s, CancellationToken cancellationToken)
    {
        RunRecord record;
        try
        {
            record = ResultsFile.Read(s.File);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException(e.Message);
        }
        foreach (var file in Write(s.File, record)) Console.WriteLine(file);
        return ExitCodes.Ok;
    }

    /// <summary>Writes the figures of <paramref name="record"/> next to <paramref name="path"/>; problems become usage errors.</summary>
    public static IReadOnlyList<string> Write(string path, RunRecord record)
    {
        try
        {
            return RunFigures.Write(path, record);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write figures next to '{path}': {e.Message}");
        }
    }
}
