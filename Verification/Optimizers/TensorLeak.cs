using Pinn.Optimizers;
using TorchSharp;

namespace Pinn.Verification.Optimizers;

/// <summary>
/// Whether an optimizer leaks tensors: it runs the steps one dispose scope each (as the trainer does), with no garbage
/// collection after a warm-up (so a tensor that escaped its scope stays counted instead of being freed by a finalizer),
/// and the live tensor count after each later step must stay at or below the most seen after steps 5..warm-up. (That
/// allows state an optimizer keeps only after some outcomes, e.g. a linearisation kept after a rejected step; a leak
/// grows without bound.) The count is process-wide: run it where no other test allocates tensors at the same time.
/// </summary>
public static class TensorLeak
{
    /// <summary>The failure (which steps went above the warm-up's most), or null when the count stays bounded over <paramref name="steps"/> steps.</summary>
    /// <param name="optimizer">The optimizer (not disposed here).</param>
    /// <param name="objective">What it minimises.</param>
    /// <param name="theta">The parameters, updated in place.</param>
    /// <param name="steps">Steps, at least 10 more than <paramref name="warmUp"/>.</param>
    /// <param name="warmUp">Steps (at least 10) after which the count is watched.</param>
    /// <param name="beforeStep">Called inside each step's scope before the step (e.g. to jolt θ so that a fast method keeps working).</param>
    public static string? Check(IOptimizer optimizer, IObjective objective, torch.Tensor theta, int steps = 60, Action<int>? beforeStep = null, int warmUp = 30)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (warmUp < 10 || steps < warmUp + 10)
            throw new ArgumentOutOfRangeException(nameof(steps), $"need a warm-up of at least 10 steps and 10 more to see a trend (got {warmUp} of {steps})");
        var counts = new long[steps + 1];
        string? stopped = null;
        void Step(int step)
        {
            using (var scope = torch.NewDisposeScope())
            {
                beforeStep?.Invoke(step);
                var result = optimizer.Step(objective, theta);
                if (result.Stop != StopReason.None) stopped ??= $"{optimizer.Name} stopped at step {step}: {result.Stop} {result.Message}";
            }
            counts[step] = step <= warmUp ? LiveTensors() : torch.Tensor.TotalCount;
        }

        for (var step = 1; step <= warmUp; step++) Step(step);
        var high = counts[5..(warmUp + 1)].Max();
        var noGc = GC.TryStartNoGCRegion(64L << 20);
        try
        {
            for (var step = warmUp + 1; step <= steps; step++) Step(step);
        }
        finally
        {
            if (noGc && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
        if (!noGc) return "could not suspend garbage collection for the measurement";
        if (stopped is not null) return stopped + " (the check needs every step to run; start farther from the minimum)";
        var outside = Enumerable.Range(warmUp + 1, steps - warmUp).Where(s => counts[s] > high).ToList();
        return outside.Count == 0 ? null
            : $"{optimizer.Name}: at most {high} live tensors after steps 5..{warmUp}, but {string.Join(", ", outside.Take(5).Select(s => $"{counts[s]} after step {s}"))}{(outside.Count > 5 ? ", …" : "")}";
    }

    /// <summary>The live tensor count after a full garbage collection (tensors only the finalizer would free are freed).</summary>
    public static long LiveTensors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return torch.Tensor.TotalCount;
    }
}
