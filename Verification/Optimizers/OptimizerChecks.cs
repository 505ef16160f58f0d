using System.Globalization;
using Pinn.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Verification.Optimizers;

/// <summary>
/// Invariants of an optimizer on a given objective and start point, each returning the failure (one line) or null:
/// descent, invariance under a reordering of the parameters, a bitwise checkpoint round trip. The steps run one dispose
/// scope each, as the trainer runs them. <see cref="OptimizerInvariants"/> checks them on random convex quadratics.
/// </summary>
public static class OptimizerChecks
{
    /// <summary>f(θ) after <paramref name="steps"/> steps is below f(θ₀) (and, when <paramref name="everyStep"/>, no step
    /// raises f by more than round-off); a non-finite loss or θ fails. A stop for convergence ends the run early.</summary>
    public static string? Descent(Func<IOptimizer> create, IObjective objective, Tensor start, int steps, bool everyStep = false)
    {
        using var theta = start.clone();
        using var optimizer = create();
        var previous = objective.Value(theta);
        var first = previous;
        for (var step = 1; step <= steps; step++)
        {
            StepResult result;
            using (torch.NewDisposeScope()) result = optimizer.Step(objective, theta);
            var value = objective.Value(theta);
            if (result.Stop == StopReason.NonFinite || !double.IsFinite(value))
                return $"{optimizer.Name}: non-finite loss at step {step} ({result.Message ?? value.ToString(CultureInfo.InvariantCulture)})";
            if (everyStep && value > previous + 1e-12 * Math.Abs(previous))
                return Format($"{optimizer.Name}: step {step} raised the loss from {previous:R} to {value:R}");
            previous = value;
            if (result.Stop != StopReason.None) break;
        }
        return previous < first || (previous == first && first == MinimumOrNaN(objective)) ? null
            : Format($"{optimizer.Name}: the loss went from {first:R} to {previous:R} in {steps} steps");
    }

    /// <summary>The same run on the reordered parameters φ = Pθ (for a seeded permutation P) takes the same steps: φₖ = Pθₖ
    /// to <paramref name="tolerance"/> · (1 + max|θₖ|) at every step. Only methods that treat coordinates alike promise it
    /// (not K-FAC, Shampoo, Muon or anything that reads the parameters' layout).</summary>
    public static string? OrderingInvariance(Func<IOptimizer> create, IObjective objective, Tensor start, int steps, int permutationSeed, double tolerance = 1e-10)
    {
        var order = Enumerable.Range(0, (int)objective.ParameterCount).Select(i => (long)i).ToArray();
        new Random(permutationSeed).Shuffle(order);
        using var permuted = new PermutedObjective(objective, order);
        using var theta = start.clone();
        using var phi = permuted.Permute(start);
        using var plain = create();
        using var reordered = create();
        for (var step = 1; step <= steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            var a = plain.Step(objective, theta);
            var b = reordered.Step(permuted, phi);
            var difference = (permuted.Permute(theta) - phi).abs().max().item<double>();
            var scale = 1 + theta.abs().max().item<double>();
            if (!(difference <= tolerance * scale))
                return Format($"{plain.Name}: after step {step} the reordered run is {difference:E3} away from the reordered plain run (allowed {tolerance:E1} × {scale:E2}); order [{string.Join(", ", order.Take(8))}{(order.Length > 8 ? ", …" : "")}]");
            if (a.Stop != StopReason.None || b.Stop != StopReason.None)
                return a.Stop == b.Stop ? null : $"{plain.Name}: at step {step} the plain run stopped with {a.Stop} and the reordered one with {b.Stop}";
        }
        return null;
    }

    /// <summary>Saving the state after <paramref name="half"/> steps and loading it into a fresh optimizer continues
    /// bit for bit: the reported losses and θ after 2·<paramref name="half"/> steps equal the uninterrupted run's.</summary>
    public static string? CheckpointRoundTrip(Func<IOptimizer> create, IObjective objective, Tensor start, int half)
    {
        torch.set_num_threads(1);   // per thread (OpenMP's count is thread-local): bitwise equality needs one reduction order
        using var straightTheta = start.clone();
        var (straight, _) = Run(create(), objective, straightTheta, 2 * half, dispose: true);

        using var resumedTheta = start.clone();
        var first = create();
        if (first is not ICheckpointable saver)
        {
            first.Dispose();
            return $"{first.Name} does not implement ICheckpointable";
        }
        var (resumed, stopped) = Run(first, objective, resumedTheta, half, dispose: false);
        var state = saver.SaveState();
        first.Dispose();
        if (stopped)   // the first half ended the run (a convergence stop): there is nothing to resume
            return straight.SequenceEqual(resumed) ? null : $"{first.Name}: stopped after {resumed.Count} steps, but the same run without a save took {straight.Count}";
        using var host = tensor(resumedTheta.data<double>().ToArray(), dtype: ScalarType.Float64);   // θ through the host, as a file stores it
        using var thetaCopy = host.clone();
        var second = create();
        ((ICheckpointable)second).LoadState(state);
        resumed.AddRange(Run(second, objective, thetaCopy, half, dispose: true).Losses);

        var count = Math.Min(straight.Count, resumed.Count);
        for (var i = 0; i < count; i++)
        {
            if (BitConverter.DoubleToInt64Bits(straight[i]) != BitConverter.DoubleToInt64Bits(resumed[i]))
                return Format($"{second.Name}: step {i + 1} reports loss {resumed[i]:R} after the round trip at step {half}, {straight[i]:R} without it");
        }
        if (straight.Count != resumed.Count) return $"{second.Name}: {straight.Count} steps without the round trip, {resumed.Count} with it";
        var a = straightTheta.data<double>().ToArray();
        var b = thetaCopy.data<double>().ToArray();
        var differing = Enumerable.Range(0, a.Length).Where(i => BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i])).ToList();
        return differing.Count == 0 ? null
            : Format($"{second.Name}: θ differs bitwise in {differing.Count} of {a.Length} entries after the round trip (first: θ[{differing[0]}] = {b[differing[0]]:R}, not {a[differing[0]]:R})");
    }

    /// <summary>Up to <paramref name="steps"/> steps (fewer when the optimizer stops): the reported losses and whether it stopped.</summary>
    private static (List<double> Losses, bool Stopped) Run(IOptimizer optimizer, IObjective objective, Tensor theta, int steps, bool dispose)
    {
        var losses = new List<double>();
        try
        {
            for (var i = 0; i < steps; i++)
            {
                using var scope = torch.NewDisposeScope();
                var result = optimizer.Step(objective, theta);
                losses.Add(result.Loss);
                if (result.Stop != StopReason.None) return (losses, true);
            }
        }
        finally
        {
            if (dispose) optimizer.Dispose();
        }
        return (losses, false);
    }

    /// <summary>The minimum of a <see cref="ConvexQuadratic"/> (a run that starts there cannot descend), else NaN.</summary>
    private static double MinimumOrNaN(IObjective objective) => objective is ConvexQuadratic q ? q.Value(q.Solution) : double.NaN;

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
