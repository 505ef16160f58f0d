using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// A snapshot of an optimizer's state (moments, histories, curvature estimates, counters) as named
/// float64 arrays on the host, so that a checkpoint can store it and a fresh optimizer of the same kind
/// can continue exactly where the saved one stopped. Counters and flags are stored as numbers (exact up
/// to 2⁵³). The snapshot owns no tensors: <see cref="Tensor"/> returns a fresh one the caller owns.
/// </summary>
public sealed class OptimizerState
{
    private readonly SortedDictionary<string, StateArray> _entries = new(StringComparer.Ordinal);

    /// <summary>An empty state for the optimizer named <paramref name="optimizer"/>.</summary>
    public OptimizerState(string optimizer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(optimizer);
        Optimizer = optimizer;
    }

    /// <summary>The name of the optimizer that wrote the state (checked when it is loaded).</summary>
    public string Optimizer { get; }

    /// <summary>The entries, in key order.</summary>
    public IReadOnlyDictionary<string, StateArray> Entries => _entries;

    /// <summary>Whether <paramref name="key"/> was saved.</summary>
    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>Stores a copy of <paramref name="tensor"/> (any float dtype, any device) as float64.</summary>
    public OptimizerState Set(string key, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var host = tensor.detach().to_type(ScalarType.Float64).cpu().contiguous();
        _entries[CheckKey(key)] = new StateArray(host.shape.ToArray(), host.data<double>().ToArray());
        return this;
    }

    /// <summary>Stores a number (a scalar, a counter or a flag as 0/1).</summary>
    public OptimizerState Set(string key, double value)
    {
        _entries[CheckKey(key)] = new StateArray([], [value]);
        return this;
    }

    /// <summary>Stores an entry as it was read from a file.</summary>
    public OptimizerState Set(string key, StateArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        _entries[CheckKey(key)] = array;
        return this;
    }

    /// <summary>A fresh float64 tensor with the saved values, on <paramref name="device"/> (CPU by default).</summary>
    public Tensor Tensor(string key, Device? device = null)
    {
        var a = Get(key);
        // torch.tensor(double[]) may share the (GC-pinned, not 64-byte aligned) array's memory; BLAS reductions take
        // alignment-dependent code paths, so a restored state is copied into libtorch's own aligned storage: that keeps
        // a resumed run bitwise equal to the uninterrupted one.
        using var wrapped = tensor(a.Values, a.Shape, dtype: ScalarType.Float64);
        return device is null || device.type == DeviceType.CPU ? wrapped.clone() : wrapped.to(device);
    }

    /// <summary>The saved tensor, or null when the key is absent.</summary>
    public Tensor? TensorOrNull(string key, Device? device = null) => Has(key) ? Tensor(key, device) : null;

    /// <summary>A saved number.</summary>
    public double Number(string key)
    {
        var a = Get(key);
        if (a.Values.Length != 1) throw new InvalidDataException($"{Optimizer} state entry '{key}' holds {a.Values.Length} values, not one number.");
        return a.Values[0];
    }

    /// <summary>A saved counter.</summary>
    public long Integer(string key) => checked((long)Number(key));

    /// <summary>A saved flag.</summary>
    public bool Flag(string key) => Number(key) != 0;

    /// <summary>
    /// This state with keys of an older spelling renamed (checkpoint keys are snake_case; a few optimizers once wrote
    /// kebab-case): each (old, current) pair whose old key is present and current key absent is renamed; the state is changed in place.
    /// </summary>
    public OptimizerState Upgrading(params (string Old, string Current)[] renames)
    {
        foreach (var (old, current) in renames)
        {
            if (_entries.Remove(old, out var array) && !_entries.ContainsKey(current)) _entries[current] = array;
        }
        return this;
    }

    /// <summary>Throws unless <paramref name="state"/> is not null and was written by <paramref name="optimizer"/> (what every
    /// <see cref="ICheckpointable.LoadState"/> checks first).</summary>
    public static void Expect(OptimizerState state, string optimizer)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.ExpectOptimizer(optimizer);
    }

    /// <summary>Throws unless this state was written by <paramref name="optimizer"/>.</summary>
    public void ExpectOptimizer(string optimizer)
    {
        if (!string.Equals(Optimizer, optimizer, StringComparison.Ordinal))
            throw new InvalidDataException($"the saved optimizer state belongs to '{Optimizer}', not '{optimizer}'; resume with the same optimizer sequence.");
    }

    private StateArray Get(string key) =>
        _entries.TryGetValue(key, out var a) ? a
            : throw new InvalidDataException($"{Optimizer} state has no entry '{key}'; the checkpoint is incomplete or from another version.");

    private static string CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')))
            throw new ArgumentException($"state key '{key}' may hold only ASCII letters, digits, '_', '-' and '.'.", nameof(key));
        return key;
    }
}

/// <summary>One saved array: its shape ([] for a number) and its values in row-major order.</summary>
public sealed record StateArray(long[] Shape, double[] Values);
