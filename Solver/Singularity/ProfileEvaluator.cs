using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// Values of a (multi-stage) profile off the collocation points: U, the envelope-scaled residual R̃ on any
/// points, its maximum on a dense grid of the compactified line, the dominant frequency of R̃ in t, and the
/// points where |R̃| peaks (for adaptive resampling).
/// </summary>
public sealed class ProfileEvaluator
{
    private readonly ProfileAnsatz _ansatz;
    private readonly IReadOnlyList<ProfileStage> _stages;

    /// <summary>An evaluator of the sum of <paramref name="stages"/> (all at their networks' stored parameters).</summary>
    public ProfileEvaluator(ProfileAnsatz ansatz, IReadOnlyList<ProfileStage> stages)
    {
        _ansatz = ansatz;
        _stages = stages;
    }

    /// <summary>U at the points.</summary>
    public double[] Profile(double[] y, double lambda)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var points = tensor(y, dtype: ScalarType.Float64);
        return _ansatz.Profile(points, tensor(lambda, dtype: ScalarType.Float64), 0, _stages, null, null, null)[0].data<double>().ToArray();
    }

    /// <summary>R̃ = (−λU + ((1+λ)y + U)U')·t^λ at the points.</summary>
    public double[] ScaledResidual(double[] y, double lambda)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var points = tensor(y, dtype: ScalarType.Float64);
        var l = tensor(lambda, dtype: ScalarType.Float64);
        var u = _ansatz.Profile(points, l, 1, _stages, null, null, null);
        return ProfileLinearization.ScaledResidual(_ansatz, points, l, u)[0].data<double>().ToArray();
    }

    /// <summary>The unscaled residual R = −λU + ((1+λ)y + U)U' at the points.</summary>
    public double[] Residual(double[] y, double lambda)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var points = tensor(y, dtype: ScalarType.Float64);
        var u = _ansatz.Profile(points, tensor(lambda, dtype: ScalarType.Float64), 1, _stages, null, null, null);
        return ((points * (1 + lambda) + u[0]) * u[1] - u[0] * lambda).data<double>().ToArray();
    }

    /// <summary>The grid ζₖ = −1 + (2k + 1)/K, k = 0..K−1, uniform in the compactified coordinate over (−1, 1), and y(ζₖ).</summary>
    public (double[] Zeta, double[] Y) ValidationGrid(int count, double lambda)
    {
        var zeta = Enumerable.Range(0, count).Select(k => -1 + (2.0 * k + 1) / count).ToArray();
        return (zeta, zeta.Select(z => _ansatz.FromCompact(z, lambda)).ToArray());
    }

    /// <summary>max |R̃| on the validation grid and R̃ at the maximiser (the signed maximum residual).</summary>
    public (double Max, double Signed, double[] Zeta, double[] Values) MaxResidual(int count, double lambda)
    {
        var (zeta, y) = ValidationGrid(count, lambda);
        var r = ScaledResidual(y, lambda);
        int arg = 0;
        for (int k = 1; k < r.Length; k++) if (!(Math.Abs(r[k]) <= Math.Abs(r[arg]))) arg = k;
        // The ansatz is odd, so is R̃: report the sign on the positive half-line.
        double signed = zeta[arg] < 0 ? -r[arg] : r[arg];
        return (Math.Abs(r[arg]), signed, zeta, r);
    }

    /// <summary>
    /// The dominant frequency of R̃ as a function of t ∈ (0, 1) (cycles per unit t): the largest non-constant
    /// mode of the real FFT of R̃ on a uniform grid of <paramref name="count"/> points (Wang and Lai 2024,
    /// multi-stage networks, scale the next stage's features to it; here it is reported as a diagnostic only: scaling the
    /// input by κ = 2πf/σ_w, 110–220 for these residuals, gave a far worse best linear fit than κ = 30–60).
    /// </summary>
    public double DominantFrequency(double lambda, int count = 2048)
    {
        var t = Enumerable.Range(0, count).Select(k => (k + 0.5) / count).ToArray();
        var r = ScaledResidual(t.Select(v => _ansatz.FromCoordinate(v, lambda)).ToArray(), lambda);
        using var scope = NewDisposeScope();
        var spectrum = fft.rfft(tensor(r, dtype: ScalarType.Float64)).abs();
        spectrum[0] = 0;
        return Math.Max(1, spectrum.argmax().item<long>());
    }

    /// <summary>Up to <paramref name="count"/> points y &gt; 0 where |R̃| has its largest local maxima, searched on a uniform grid in t.</summary>
    public double[] Peaks(double lambda, int count, int grid = 4000)
    {
        if (count == 0) return [];
        var y = Enumerable.Range(0, grid).Select(k => _ansatz.FromCoordinate((k + 0.5) / grid, lambda)).ToArray();
        var r = ScaledResidual(y, lambda).Select(Math.Abs).ToArray();
        var peaks = new List<int>();
        for (int k = 0; k < grid; k++)
        {
            bool left = k == 0 || r[k] >= r[k - 1], right = k == grid - 1 || r[k] >= r[k + 1];
            if (left && right) peaks.Add(k);
        }
        return peaks.OrderByDescending(k => r[k]).Take(count).Select(k => y[k]).ToArray();
    }
}
