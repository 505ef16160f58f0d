using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// A line search along θ + α d for a step α satisfying the strong Wolfe conditions
/// φ(α) ≤ φ(0) + c₁ α φ′(0) and |φ′(α)| ≤ c₂ |φ′(0)|, where φ(α) = f(θ + α d).
/// </summary>
/// <remarks>
/// J. Nocedal and S. J. Wright, <i>Numerical Optimization</i>, 2nd ed., Springer 2006: Algorithm 3.5
/// (bracketing by expansion) and Algorithm 3.6 (zoom), with the trial step inside a bracket chosen by
/// cubic interpolation of φ and φ′ at its ends (eq. 3.59), safeguarded to stay a tenth of the bracket
/// away from either end, and bisection where a value is not finite.
/// <para>
/// Near convergence in float64 the losses along d stop being distinguishable from φ(0) while the
/// gradients still are. Then a step whose loss equals φ(0) to within
/// <see cref="StrongWolfeOptions.LossNoise"/> is accepted by the approximate Wolfe conditions of
/// W. W. Hager and H. Zhang, "A new conjugate gradient method with guaranteed descent and an efficient
/// line search", SIAM J. Optim. 16(1), 2005 (for a quadratic φ they are equivalent to sufficient
/// decrease, but use only φ′), and, as in their bracket update, a trial whose loss is within that noise
/// moves the bracket by the sign of φ′ alone. When nothing is acceptable and every loss lies within that noise, or the
/// bracket is narrower than the float64 spacing of θ, the search says so
/// (<see cref="LineSearchOutcome.LossResolution"/>, <see cref="LineSearchOutcome.StepResolution"/>)
/// instead of looping. It never spends more than <see cref="StrongWolfeOptions.MaxEvaluations"/> evaluations.
/// </para>
/// </remarks>
public sealed class StrongWolfeLineSearch
{
    private const double IntervalMargin = 0.1;
    private const double MinExpansion = 0.5;
    private const double MaxExpansion = 9.0;

    /// <summary>Creates the search with the given (or default) options.</summary>
    public StrongWolfeLineSearch(StrongWolfeOptions? options = null)
    {
        Options = options ?? new StrongWolfeOptions();
        Options.Validate();
    }

    /// <summary>The parameters.</summary>
    public StrongWolfeOptions Options { get; }

    /// <summary>Searches along <paramref name="direction"/> from <paramref name="theta"/> (which is not modified).</summary>
    /// <param name="objective">The objective f.</param>
    /// <param name="theta">The current point, 1-D float64.</param>
    /// <param name="loss">f(θ), finite.</param>
    /// <param name="gradient">∇f(θ), same shape as θ.</param>
    /// <param name="direction">The search direction d, same shape as θ; must be a descent direction.</param>
    /// <param name="initialStep">The first trial step α₀ &gt; 0.</param>
    public LineSearchResult Search(
        IObjective objective, Tensor theta, double loss, Tensor gradient, Tensor direction, double initialStep)
    {
        ThetaChecks.Validate(objective, theta);
        ThetaChecks.ValidateLike(theta, gradient, nameof(gradient));
        ThetaChecks.ValidateLike(theta, direction, nameof(direction));
        if (!(double.IsFinite(initialStep) && initialStep > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(initialStep), initialStep, "the initial step must be finite and positive.");
        }
        if (!double.IsFinite(loss))
        {
            throw new ArgumentException($"the loss at θ must be finite to search from it; got {loss}.", nameof(loss));
        }

        using var scope = torch.NewDisposeScope();
        var result = new Run(this, objective, theta, loss, gradient, direction).Execute(initialStep);
        result.Point?.MoveToOuterDisposeScope();
        result.Gradient?.MoveToOuterDisposeScope();
        return result;
    }

    /// <summary>A point on the line: step, loss, slope φ′(α); tensors only while it may be returned.</summary>
    private sealed class Trial(double step, double loss, double slope, Tensor? point = null, Tensor? gradient = null)
    {
        public double Step { get; } = step;
        public double Loss { get; } = loss;
        public double Slope { get; } = slope;
        public Tensor? Point { get; private set; } = point;
        public Tensor? Gradient { get; private set; } = gradient;
        public bool IsFinite => double.IsFinite(Loss) && double.IsFinite(Slope);

        public void Release()
        {
            Point?.Dispose();
            Gradient?.Dispose();
            Point = null;
            Gradient = null;
        }
    }

    /// <summary>One search: its context, counters and the best step of sufficient decrease so far.</summary>
    private sealed class Run
    {
        private readonly StrongWolfeOptions _o;
        private readonly IObjective _objective;
        private readonly Tensor _theta;
        private readonly Tensor _direction;
        private readonly Trial _origin;
        private readonly double _noise;
        private readonly double _thetaScale;
        private readonly double _directionScale;
        private Trial? _best;
        private int _evaluations;
        private int _finiteTrials;
        private bool _allWithinNoise = true;

        public Run(StrongWolfeLineSearch owner, IObjective objective, Tensor theta, double loss, Tensor gradient, Tensor direction)
        {
            _o = owner.Options;
            _objective = objective;
            _theta = theta;
            _direction = direction;
            _origin = new Trial(0, loss, VectorMath.Dot(gradient, direction));
            _noise = _o.LossNoise * Math.Abs(loss);
            _thetaScale = VectorMath.MaxNorm(theta);
            _directionScale = VectorMath.MaxNorm(direction);
        }

        public LineSearchResult Execute(double initialStep)
        {
            if (!(_origin.Slope < 0) || !double.IsFinite(_directionScale))
            {
                return Fail(LineSearchOutcome.NotDescentDirection,
                    $"gᵀd = {_origin.Slope:G3} is not negative: not a descent direction");
            }

            // Algorithm 3.5: expand until a bracket containing acceptable steps is found.
            var previous = _origin;
            var step = initialStep;
            while (true)
            {
                if (_evaluations >= _o.MaxEvaluations) return Exhausted();
                var trial = Evaluate(step);
                if (Acceptance(trial) is { } accepted) return Succeed(trial, accepted);
                if (!trial.IsFinite || !ArmijoWithinNoise(trial) || (previous != _origin && trial.Loss > previous.Loss + _noise))
                {
                    trial.Release();
                    return Zoom(previous, trial);
                }
                Keep(trial);
                if (trial.Slope >= 0) return Zoom(trial, previous);
                step = Extrapolate(previous, trial);
                previous = trial;
            }
        }

        // Algorithm 3.6: shrink [low, high] (low: the lowest sufficient-decrease point so far).
        private LineSearchResult Zoom(Trial low, Trial high)
        {
            while (true)
            {
                if (_evaluations >= _o.MaxEvaluations) return Exhausted();
                var width = Math.Abs(high.Step - low.Step);
                var reach = _thetaScale + Math.Max(low.Step, high.Step) * _directionScale;
                if (width * _directionScale <= VectorMath.MachineEpsilon * reach)
                {
                    return Exhausted(collapsed: true);
                }

                var trial = Evaluate(Interpolate(low, high));
                if (Acceptance(trial) is { } accepted) return Succeed(trial, accepted);
                if (!trial.IsFinite || !ArmijoWithinNoise(trial) || trial.Loss > low.Loss + _noise)
                {
                    trial.Release();
                    high = trial;
                }
                else
                {
                    if (trial.Slope * (high.Step - low.Step) >= 0) high = low;
                    Keep(trial);
                    low = trial;
                }
            }
        }

        private Trial Evaluate(double step)
        {
            Tensor point;
            using (torch.no_grad())
            {
                point = _theta.add(_direction, step);
            }
            var (loss, gradient) = ThetaChecks.ValueAndGradient(_objective, point);
            _evaluations++;
            var slope = double.IsFinite(loss) ? VectorMath.Dot(gradient, _direction) : double.NaN;
            var trial = new Trial(step, loss, slope, point, gradient);
            if (trial.IsFinite)
            {
                _finiteTrials++;
                _allWithinNoise &= Math.Abs(loss - _origin.Loss) <= _noise;
            }
            return trial;
        }

        private bool Armijo(Trial t) => t.Loss <= _origin.Loss + _o.SufficientDecrease * t.Step * _origin.Slope;

        // Sufficient decrease up to float64 noise: where losses are indistinguishable from φ(0), the
        // bracket is updated by the sign of φ′ alone (as in Hager & Zhang's update), which stays reliable.
        private bool ArmijoWithinNoise(Trial t) => t.Loss <= _origin.Loss + _o.SufficientDecrease * t.Step * _origin.Slope + _noise;

        private bool Curvature(Trial t) => Math.Abs(t.Slope) <= -_o.Curvature * _origin.Slope;

        private LineSearchOutcome? Acceptance(Trial t)
        {
            if (!t.IsFinite || !Curvature(t)) return null;
            if (Armijo(t)) return LineSearchOutcome.StrongWolfe;
            var approximate = t.Loss <= _origin.Loss + _noise
                && t.Slope <= (2 * _o.SufficientDecrease - 1) * _origin.Slope;
            return approximate ? LineSearchOutcome.ApproximateWolfe : null;
        }

        private void Keep(Trial trial)
        {
            if (!ReferenceEquals(_best, trial)) _best?.Release();
            _best = trial;
        }

        private LineSearchResult Succeed(Trial trial, LineSearchOutcome outcome)
        {
            if (!ReferenceEquals(_best, trial)) _best?.Release();
            var what = outcome == LineSearchOutcome.StrongWolfe ? "strong Wolfe" : "approximate Wolfe (loss at float64 resolution)";
            return new LineSearchResult(outcome, trial.Step, trial.Loss, trial.Point, trial.Gradient, trial.Slope,
                _evaluations, $"{what} step {trial.Step:G6} after {_evaluations} evaluation(s)");
        }

        private LineSearchResult Exhausted(bool collapsed = false)
        {
            var why = collapsed ? "the bracket shrank below float64 resolution of θ" : $"the budget of {_o.MaxEvaluations} evaluations ran out";
            if (_finiteTrials > 0 && _allWithinNoise)
            {
                return Fail(LineSearchOutcome.LossResolution,
                    $"{why}; every trial loss equals f(θ) = {_origin.Loss:G17} to within float64 noise");
            }
            if (_best is { } best && Armijo(best) && best.Loss < _origin.Loss)
            {
                return new LineSearchResult(LineSearchOutcome.SufficientDecrease, best.Step, best.Loss, best.Point, best.Gradient,
                    best.Slope, _evaluations, $"{why}; returning step {best.Step:G6}, which satisfies sufficient decrease only");
            }
            if (collapsed)
            {
                return Fail(LineSearchOutcome.StepResolution, $"{why} without a step of sufficient decrease");
            }
            return _finiteTrials == 0
                ? Fail(LineSearchOutcome.NonFinite, $"{why}; every trial point gave a non-finite loss or gradient")
                : Fail(LineSearchOutcome.EvaluationLimit, $"{why} without a step of sufficient decrease");
        }

        private LineSearchResult Fail(LineSearchOutcome outcome, string message)
        {
            _best?.Release();
            return new LineSearchResult(outcome, 0, _origin.Loss, null, null, _origin.Slope, _evaluations, message);
        }

        private static double Interpolate(Trial low, Trial high)
        {
            var left = Math.Min(low.Step, high.Step);
            var right = Math.Max(low.Step, high.Step);
            var middle = left + 0.5 * (right - left);
            if (!low.IsFinite || !high.IsFinite) return middle;
            var candidate = CubicMinimizer(low, high);
            if (!double.IsFinite(candidate)) return middle;
            var margin = IntervalMargin * (right - left);
            return Math.Clamp(candidate, left + margin, right - margin);
        }

        private static double Extrapolate(Trial previous, Trial current)
        {
            var span = current.Step - previous.Step;
            var lower = current.Step + MinExpansion * span;
            var upper = current.Step + MaxExpansion * span;
            var candidate = CubicMinimizer(previous, current);
            return double.IsFinite(candidate) ? Math.Clamp(candidate, lower, upper) : upper;
        }

        /// <summary>Minimiser of the cubic interpolating φ and φ′ at a and b (Nocedal &amp; Wright eq. 3.59); NaN if none.</summary>
        private static double CubicMinimizer(Trial a, Trial b)
        {
            var d1 = a.Slope + b.Slope - 3 * (a.Loss - b.Loss) / (a.Step - b.Step);
            var discriminant = d1 * d1 - a.Slope * b.Slope;
            if (!(discriminant >= 0)) return double.NaN;
            var d2 = Math.Sign(b.Step - a.Step) * Math.Sqrt(discriminant);
            return b.Step - (b.Step - a.Step) * (b.Slope + d2 - d1) / (b.Slope - a.Slope + 2 * d2);
        }
    }
}
