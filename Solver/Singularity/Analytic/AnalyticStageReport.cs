namespace Pinn.Solver.Singularity;

/// <summary>What one stage of the analytic search did.</summary>
/// <param name="Index">Stage number, from 1.</param>
/// <param name="Powers">J of its basis.</param>
/// <param name="Modes">K of its basis.</param>
/// <param name="Scale">ε (1 for stage 1).</param>
/// <param name="Steps">Levenberg–Marquardt steps.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Lambda">λ after the stage.</param>
/// <param name="MaxResidual">max |R̃| on the validation grid after the stage.</param>
/// <param name="Stop">Why it ended.</param>
/// <param name="History">Per-step history.</param>
/// <param name="Residual">R̃ on the validation grid after the stage.</param>
/// <param name="Coefficients">Its coefficients cⱼₖ (index j·K + k).</param>
public sealed record AnalyticStageReport(int Index, int Powers, int Modes, double Scale, int Steps, double Seconds, double Lambda,
    double MaxResidual, string Stop, IReadOnlyList<StageHistoryRow> History, double[] Residual, double[] Coefficients);
