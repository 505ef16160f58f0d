using Pinn.Verification;
using PureHDF;

namespace Pinn.Solver.Singularity;

/// <summary>The <c>history</c> group of a search stage in both singularity files: one checksummed dataset per column.</summary>
public static class StageHistoryGroup
{
    /// <summary>step, seconds, loss, lambda, damping and max_residual (NaN where not evaluated) per Levenberg–Marquardt step.</summary>
    public static H5Group Create(IReadOnlyList<StageHistoryRow> history) => new()
    {
        ["step"] = ChecksummedFile.Dataset(history.Select(h => (long)h.Step).ToArray()),
        ["seconds"] = ChecksummedFile.Dataset(history.Select(h => h.Seconds).ToArray()),
        ["loss"] = ChecksummedFile.Dataset(history.Select(h => h.Loss).ToArray()),
        ["lambda"] = ChecksummedFile.Dataset(history.Select(h => h.Lambda).ToArray()),
        ["damping"] = ChecksummedFile.Dataset(history.Select(h => h.Damping).ToArray()),
        ["max_residual"] = ChecksummedFile.Dataset(history.Select(h => h.MaxResidual).ToArray()),
    };

    /// <summary>The attributes every stage group carries.</summary>
    public static void Describe(H5Group group, double scale, int steps, double seconds, double lambda, double maxResidual, string stop)
    {
        group.Attributes["scale"] = scale;
        group.Attributes["steps"] = (long)steps;
        group.Attributes["seconds"] = seconds;
        group.Attributes["lambda"] = lambda;
        group.Attributes["max_residual"] = maxResidual;
        group.Attributes["stop"] = stop;
    }
}
