using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The stop tests of the line-search quasi-Newton methods, with float64 tolerances: ‖g‖∞ ≤ gtol; a step that no
/// longer changes θ in float64; <c>stall</c> iterations in a row whose loss decrease is at most ftol (relative)
/// and that bring no new lowest ‖g‖∞.
/// </summary>
internal sealed class QuasiNewtonStopRule(double gradientTolerance, double functionTolerance, int stallIterations)
{
    private double _lowestGradientMaxNorm = double.PositiveInfinity;
    private int _stalled;

    /// <summary>gtol: the largest absolute gradient entry regarded as zero.</summary>
    public double GradientTolerance => gradientTolerance;

    /// <summary>Starts the counts at a (re)start point whose gradient has max-norm <paramref name="maxNorm"/>.</summary>
    public void Begin(double maxNorm) => _lowestGradientMaxNorm = maxNorm;

    /// <summary>Whether ‖g‖∞ = <paramref name="maxNorm"/> is at most gtol.</summary>
    public bool GradientSmallEnough(double maxNorm) => maxNorm <= gradientTolerance;

    /// <summary>Forgets the counts.</summary>
    public void Clear()
    {
        _lowestGradientMaxNorm = double.PositiveInfinity;
        _stalled = 0;
    }

    /// <summary>The stop after an accepted step from loss <paramref name="previousLoss"/> to <paramref name="loss"/>, if any.</summary>
    public (StopReason Reason, string? Message) Check(double previousLoss, double loss, Tensor gradient, Tensor step, Tensor point)
    {
        var maxNorm = VectorMath.MaxNorm(gradient);
        var stepMaxNorm = VectorMath.MaxNorm(step);
        var decrease = previousLoss - loss;
        var scale = Math.Max(Math.Max(Math.Abs(previousLoss), Math.Abs(loss)), double.Epsilon);
        var newLow = maxNorm < _lowestGradientMaxNorm;
        _lowestGradientMaxNorm = Math.Min(_lowestGradientMaxNorm, maxNorm);
        _stalled = decrease <= functionTolerance * scale && !newLow ? _stalled + 1 : 0;

        if (maxNorm <= gradientTolerance)
        {
            return (StopReason.GradientTolerance, $"‖g‖∞ = {maxNorm:G3} ≤ gtol = {gradientTolerance:G3}");
        }
        if (stepMaxNorm <= VectorMath.MachineEpsilon * VectorMath.MaxNorm(point))
        {
            return (StopReason.StepTolerance, $"step ‖s‖∞ = {stepMaxNorm:G3} no longer changes θ in float64");
        }
        if (_stalled >= stallIterations)
        {
            return (StopReason.FunctionTolerance,
                $"loss changed by at most ftol = {functionTolerance:G3} (relative) and ‖g‖∞ made no new low for {_stalled} iterations");
        }
        return (StopReason.None, null);
    }

    /// <summary>Writes the counts.</summary>
    public void Save(OptimizerState state) =>
        state.Set("lowest_gradient_max_norm", _lowestGradientMaxNorm).Set("stalled", _stalled);

    /// <summary>Reads the counts.</summary>
    public void Load(OptimizerState state)
    {
        _lowestGradientMaxNorm = state.Number("lowest_gradient_max_norm");
        _stalled = (int)state.Integer("stalled");
    }
}
