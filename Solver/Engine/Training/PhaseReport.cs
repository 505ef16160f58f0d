using Pinn.Optimizers;

namespace Pinn.Solver.Training;

/// <summary>What one optimizer phase did.</summary>
public sealed record PhaseReport(string Optimizer, int PlannedSteps, int Steps, double Seconds, double FinalLoss, StopReason Stop, string? Message);
