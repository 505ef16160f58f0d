namespace Pinn.Solver.Training;

/// <summary>One recorded step of a training run.</summary>
/// <param name="Step">Global step number (1-based, across phases).</param>
/// <param name="Phase">Index of the optimizer phase.</param>
/// <param name="Seconds">Wall time since the start of training.</param>
/// <param name="Loss">Loss reported by the optimizer for this step.</param>
/// <param name="TermLosses">Weighted loss of each term (they sum to the loss).</param>
/// <param name="RelativeL2">Relative L2 error on the evaluation points, NaN where not evaluated.</param>
public sealed record HistoryRow(long Step, int Phase, double Seconds, double Loss, double[] TermLosses, double RelativeL2)
{
    /// <summary>The smallest causal weight in force during the step (NaN without causal weighting).</summary>
    public double CausalMinWeight { get; init; } = double.NaN;
}
