using FsCheck;
using FsCheck.Fluent;
using Pinn.Physics;
using Pinn.Solver.Training;
using Pinn.Verification.Optimizers;

namespace Pinn.Verification.Solver;

/// <summary>
/// A run's results file verifies: its checksums hold (<c>ResultsFile.Read</c>), its network rebuilds on the problem, and
/// re-evaluating it reproduces every number it recorded (predictions, exact values, pointwise errors, error norms, the
/// final loss) to <c>agree</c> — what <c>pinn verify</c> checks. A failure names each check that failed and why.
/// </summary>
public static class ResultsIntegrity
{
    /// <summary>The default agreement, as <c>pinn verify --agree</c>.</summary>
    public const double DefaultAgree = 1e-10;

    /// <summary>The failed checks of the results file at <paramref name="path"/> of a run on <paramref name="problem"/>, one
    /// line each; null when it verifies.</summary>
    public static string? Failure(string path, Problem problem, double agree = DefaultAgree) => Failure(path, _ => problem, agree);

    /// <summary>As <see cref="Failure(string, Problem, double)"/>, with the problem built from the file's record (its sizes).</summary>
    public static string? Failure(string path, Func<RunRecord, Problem> problemFor, double agree = DefaultAgree)
    {
        ArgumentNullException.ThrowIfNull(problemFor);
        if (!(agree > 0)) throw new ArgumentOutOfRangeException(nameof(agree), $"the agreement must be > 0 (got {agree})");
        try
        {
            using var run = StoredRun.Open(path, problemFor);
            var (_, _, _, checks) = RunVerification.Run(run, agree, null);
            var failed = checks.Where(c => !c.Passed).Select(c => $"check '{c.Name}' failed: {c.Detail}").ToList();
            return failed.Count == 0 ? null : $"results file '{path}': " + string.Join("; ", failed);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return $"results file '{path}' does not verify: {e.Message}";
        }
    }

    /// <summary>Checks the file (throws <see cref="InvalidDataException"/> with the failed checks).</summary>
    public static void Check(string path, Problem problem, double agree = DefaultAgree)
    {
        if (Failure(path, problem, agree) is { } failure) throw new InvalidDataException(failure);
    }

    /// <summary>The property for runs of many seeds: <paramref name="runToFile"/> trains the run of a seed and returns the
    /// path of its results file; each file verifies. Shrinking goes toward seed 0.</summary>
    public static Property Property(Func<int, string> runToFile, Func<RunRecord, Problem> problemFor, double agree = DefaultAgree)
    {
        ArgumentNullException.ThrowIfNull(runToFile);
        var seeds = Arb.From(Gen.Choose(0, 1000), s => s == 0 ? [] : [0, s / 2]);
        return Prop.ForAll(seeds, seed => PropertyRun.Verdict(() => Failure(runToFile(seed), problemFor, agree)));
    }
}
