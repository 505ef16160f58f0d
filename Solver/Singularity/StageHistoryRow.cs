namespace Pinn.Solver.Singularity;

/// <summary>One row of a stage's history (max_residual NaN where not evaluated).</summary>
public sealed record StageHistoryRow(int Stage, int Step, double Seconds, double Loss, double Lambda, double Damping, double MaxResidual);
