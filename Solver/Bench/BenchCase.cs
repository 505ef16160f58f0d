namespace Pinn.Solver.Bench;

/// <summary>One benchmark: a problem, an optimizer sequence (run until the wall-clock budget), a network.</summary>
/// <param name="Problem">Catalogue problem name.</param>
/// <param name="Label">Short name for tables and legends (e.g. "adam→lbfgs").</param>
/// <param name="Spec">Optimizer sequence; the last phase is long enough to fill the budget.</param>
/// <param name="Hidden">Hidden widths, or null for the problem's default.</param>
/// <param name="Weights">Extra term weights, if any.</param>
/// <param name="Hard">Use the problem's hard-constrained form (<c>--hard</c>).</param>
/// <param name="Periodic">Embed the periodic coordinate (<c>--periodic</c>).</param>
public sealed record BenchCase(string Problem, string Label, string Spec, int[]? Hidden = null, (string Term, double Weight)[]? Weights = null, bool Hard = false, bool Periodic = false);
