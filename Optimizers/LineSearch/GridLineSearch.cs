using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The step-size rule of energy natural gradient descent: try θ + η d for η = 2⁻ᵏ, k = 0, 1, …, K, and
/// move θ to the trial with the lowest loss, provided it is lower than the loss at θ.
/// </summary>
/// <remarks>
/// J. Müller and M. Zeinhofer, "Achieving high accuracy with PINNs via energy natural gradient descent",
/// ICML 2023, §3 (line search over a logarithmic grid of step sizes, K = 30 in the reference runs).
/// <para>
/// Early stop (on by default): the grid is scanned from k = 0 (the full step) downwards, and once a trial
/// has lowered the loss, the scan ends as soon as the loss has risen twice in a row, that is, two
/// consecutive trials each worse than the trial before. Along a direction where the loss as a function
/// of η has one minimum on the grid this finds the same η as the full scan; where it has several, the
/// result may be a local one. With <see cref="EarlyStop"/> off every one of the K + 1 trials is evaluated.
/// </para>
/// <para>
/// Warm start (with early stop): after the first search, a search starts at the previously accepted
/// exponent, walks towards longer steps while the loss falls, and otherwise towards shorter ones until
/// the loss rises once after an improvement. On a unimodal grid this is still the full scan's minimum,
/// at about three evaluations a step instead of ten or more (measured on poisson2d with ENGD).
/// </para>
/// <para>
/// A NaN or infinite trial loss counts as +∞. Ties keep the larger step. When no trial lowers the loss,
/// θ is left unchanged and the result says so (<see cref="GridLineSearchResult.Accepted"/> false).
/// </para>
/// </remarks>
public sealed class GridLineSearch
{
    /// <summary>A search over η = 2⁻ᵏ, k = 0..<paramref name="maxExponent"/>.</summary>
    /// <param name="maxExponent">K ≥ 0 (30 in the reference).</param>
    /// <param name="earlyStop">Stop scanning after two rises in a row past an improving trial (see remarks).</param>
    public GridLineSearch(int maxExponent = 30, bool earlyStop = true)
    {
        Check.NonNegative(maxExponent, nameof(maxExponent));
        if (maxExponent > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExponent), maxExponent, "K above 1000 gives steps below the float64 range.");
        }
        MaxExponent = maxExponent;
        EarlyStop = earlyStop;
    }

    /// <summary>K: the smallest step tried is 2⁻ᴷ.</summary>
    public int MaxExponent { get; }

    /// <summary>Whether the scan may end before k = K (see remarks).</summary>
    public bool EarlyStop { get; }

    /// <summary>Exponent accepted by the previous search (−1 before the first): the next early-stopping search starts there.</summary>
    private int _lastExponent = -1;

    /// <summary>Forgets the previous step size.</summary>
    public void Reset() => _lastExponent = -1;

    /// <summary>The exponent the next early-stopping search starts from (−1: none yet); saved in checkpoints.</summary>
    public int LastExponent
    {
        get => _lastExponent;
        set => _lastExponent = value >= -1 && value <= MaxExponent ? value
            : throw new InvalidDataException($"a saved line-search exponent {value} is outside -1..{MaxExponent}; resume with the same grid option.");
    }

    /// <summary>Searches along <paramref name="direction"/> and moves <paramref name="theta"/> to the best trial if it lowers the loss.</summary>
    /// <param name="objective">The objective f.</param>
    /// <param name="theta">θ, 1-D float64; updated in place on success.</param>
    /// <param name="loss">f(θ), finite.</param>
    /// <param name="direction">d, shaped like θ (e.g. −G⁻¹∇f).</param>
    public GridLineSearchResult Search(IObjective objective, Tensor theta, double loss, Tensor direction)
    {
        ThetaChecks.Validate(objective, theta);
        ThetaChecks.ValidateLike(theta, direction, nameof(direction));
        if (!double.IsFinite(loss))
        {
            throw new ArgumentException($"the loss at θ must be finite to search from it; got {loss}.", nameof(loss));
        }

        using var scope = torch.NewDisposeScope();
        var trials = new Trials(objective, theta, direction, loss);   // its tensors belong to this dispose scope
        var start = EarlyStop && _lastExponent >= 0 ? Math.Min(_lastExponent, MaxExponent) : 0;
        Scan(trials, start);
        if (trials.Best is null)
        {
            return new GridLineSearchResult(false, 0, -1, loss, trials.Lowest, trials.Evaluations,
                $"no step 2^-k, k = 0..{MaxExponent}, lowered the loss {loss:G6} (lowest trial {trials.Lowest:G6})");
        }
        _lastExponent = trials.BestExponent;
        using (torch.no_grad())
        {
            theta.copy_(trials.Best);
        }
        var step = Math.ScaleB(1.0, -trials.BestExponent);
        return new GridLineSearchResult(true, step, trials.BestExponent, trials.BestLoss, trials.Lowest, trials.Evaluations,
            $"η = 2^-{trials.BestExponent}: loss {loss:G6} → {trials.BestLoss:G6} in {trials.Evaluations} evaluations");
    }

    /// <summary>The scan of the grid from <paramref name="start"/>: towards longer steps while the loss keeps falling
    /// (only from a warm start), else towards shorter steps until the early stop or k = K.</summary>
    private void Scan(Trials trials, int start)
    {
        var current = trials.At(start);
        var k = start;
        while (k > 0 && trials.At(k - 1) < current)
        {
            current = trials.At(--k);
        }
        if (k != start && trials.Best is not null) return;
        // Towards shorter steps: until something beats the current loss, then until the loss has
        // risen twice in a row (once, from a warm start, where the previous step size is a good guess).
        var risesToStop = start > 0 ? 1 : 2;
        var rises = 0;
        var previous = current;
        for (k = start + 1; k <= MaxExponent; k++)
        {
            var value = trials.At(k);
            rises = value > previous ? rises + 1 : value < previous ? 0 : rises;
            previous = value;
            if (EarlyStop && trials.Best is not null && rises >= risesToStop) break;
        }
    }

    /// <summary>The trials θ + 2⁻ᵏ d of one search, each evaluated once, and the best that lowers the loss.</summary>
    private sealed class Trials(IObjective objective, Tensor theta, Tensor direction, double loss)
    {
        private readonly Dictionary<int, double> _values = [];

        public Tensor? Best { get; private set; }
        public double BestLoss { get; private set; } = loss;
        public int BestExponent { get; private set; } = -1;
        public double Lowest { get; private set; } = double.PositiveInfinity;
        public int Evaluations { get; private set; }

        /// <summary>f(θ + 2⁻ᵏ d), +∞ for a non-finite value.</summary>
        public double At(int k)
        {
            if (_values.TryGetValue(k, out var known)) return known;
            var trial = theta.add(direction, Math.ScaleB(1.0, -k));
            var value = objective.Value(trial);
            Evaluations++;
            if (!double.IsFinite(value)) value = double.PositiveInfinity;
            Lowest = Math.Min(Lowest, value);
            if (value < BestLoss)
            {
                Best?.Dispose();
                (Best, BestLoss, BestExponent) = (trial, value, k);
            }
            else
            {
                trial.Dispose();
            }
            return _values[k] = value;
        }
    }
}
