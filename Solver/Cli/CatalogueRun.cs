using Pinn.Physics;
using Pinn.Problems;
using Pinn.Solver.Training;
using Pinn.Verification;

namespace Pinn.Solver.Cli;

/// <summary>
/// How the program reads a results file back: the problem is the catalogue problem its configuration names (default
/// sizes; the stored form: hard constraint, periodic and Fourier embeddings), and every problem with the file becomes
/// a <see cref="UsageException"/>.
/// </summary>
public static class CatalogueRun
{
    /// <summary>Reads <paramref name="path"/> as a <see cref="StoredRun"/> of a catalogue problem.</summary>
    /// <exception cref="UsageException">The file is missing, damaged, names no known problem or does not fit it.</exception>
    public static StoredRun Open(string path) => AsUsage(() => StoredRun.Open(path, record => ProblemOf(path, record)));

    /// <summary>Runs <paramref name="read"/>, turning a damaged or unreadable file into a <see cref="UsageException"/>.</summary>
    public static T AsUsage<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException(e.Message);
        }
    }

    private static Problem ProblemOf(string path, RunRecord record)
    {
        if (!record.Config.TryGetValue("problem", out var name) || name is not string problemName)
            throw new UsageException($"results file '{path}' names no problem in /config@problem");
        try
        {
            return ProblemForm.Of(record).Create(problemName, record.Config.TryGetValue("seed", out var seed) && seed is long s ? s : 0);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            throw new UsageException($"results file '{path}': {e.Message}");
        }
    }
}
