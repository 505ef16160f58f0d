using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The m most recent curvature pairs sₖ = θₖ₊₁ − θₖ, yₖ = gₖ₊₁ − gₖ of L-BFGS and the product of the
/// implied inverse-Hessian approximation with a vector, initial matrix γI with γ = sᵀy / yᵀy of the newest
/// pair (Nocedal &amp; Wright eq. 7.20). Owns its tensors.
/// </summary>
/// <remarks>
/// The product uses the compact representation of R. H. Byrd, J. Nocedal and R. B. Schnabel, "Representations of
/// quasi-Newton matrices and their use in limited memory methods", Math. Program. 63 (1994), Theorem 2.2:
/// H = γI + [S γY] [[R⁻ᵀ(D + γYᵀY)R⁻¹, −R⁻ᵀ], [−R⁻¹, 0]] [Sᵀ; γYᵀ], with S, Y the pairs as columns (oldest
/// first), R the upper triangle of SᵀY and D its diagonal. It equals the two-loop recursion (Nocedal &amp; Wright
/// Alg. 7.4) in exact arithmetic, but costs four matrix-vector products with the stacked pairs and two m×m
/// triangular solves instead of about 10m small vector operations, so a long history (m = 300) costs little
/// more per step than a short one. The pairs live in a ring of rows of [m, P] matrices; R and YᵀY are updated
/// by two matrix-vector products when a pair arrives, and saved with the pairs so that a resumed run repeats
/// the same arithmetic.
/// </remarks>
internal sealed class LbfgsHistory(int capacity) : IInverseHessianApproximation
{
    private Tensor? _s;            // [capacity, P], row (start + i) % capacity is pair i (oldest first)
    private Tensor? _y;
    private int _count;
    private int _start;
    private double[,] _r = new double[capacity, capacity];    // R[i, j] = sᵢᵀyⱼ for i ≤ j (logical order)
    private double[,] _yy = new double[capacity, capacity];   // yᵢᵀyⱼ (logical order, symmetric)
    private double _gamma = 1;

    public int Count => _count;

    /// <inheritdoc />
    public bool IsEmpty => _count == 0;

    /// <inheritdoc />
    public string Label => "L-BFGS";

    /// <inheritdoc />
    public string ClearedMessage => "history cleared";

    /// <inheritdoc />
    /// <remarks>Stores the pair (see <see cref="TryAdd"/>); the step length and slope are not needed.</remarks>
    public bool Update(Tensor step, Tensor gradientChange, double stepLength, double slope) => TryAdd(step, gradientChange);

    /// <summary>Stores a copy of (s, y) unless sᵀy ≤ ε‖y‖² (curvature not safely positive). Returns whether it did.</summary>
    public bool TryAdd(Tensor s, Tensor y)
    {
        var sy = VectorMath.Dot(s, y);
        var yy = VectorMath.Dot(y, y);
        if (!(sy > VectorMath.MachineEpsilon * yy) || !double.IsFinite(sy) || !double.IsFinite(yy))
        {
            return false;
        }
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var sNew = s.detach().reshape(-1);
        var yNew = y.detach().reshape(-1);
        if (_s is null)
        {
            _s = torch.zeros(capacity, sNew.shape[0], dtype: sNew.dtype, device: sNew.device).DetachFromDisposeScope();
            _y = torch.zeros_like(_s).DetachFromDisposeScope();
        }
        double[] sTy = Products(_s, yNew), yTy = Products(_y!, yNew);    // physical order
        if (_count == capacity) Evict();
        int n = _count;
        for (var i = 0; i < n; i++)
        {
            int row = Row(i);
            _r[i, n] = sTy[row];
            _yy[i, n] = _yy[n, i] = yTy[row];
        }
        _r[n, n] = sy;
        _yy[n, n] = yy;
        int slot = Row(n);
        _s[slot].copy_(sNew);
        _y![slot].copy_(yNew);
        _count = n + 1;
        _gamma = sy / yy;
        return true;
    }

    /// <summary>−H g: the quasi-Newton direction (a fresh tensor in the caller's scope).</summary>
    public Tensor Direction(Tensor gradient)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var g = gradient.detach();
        if (_count == 0) return g.neg().MoveToOuterDisposeScope();
        int n = _count;
        double[] sTg = Products(_s!, g.reshape(-1)), yTg = Products(_y!, g.reshape(-1));
        var a = new double[n];
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = sTg[Row(i)];
            b[i] = _gamma * yTg[Row(i)];
        }
        // q = −R⁻¹a;  p = R⁻ᵀ((D + γYᵀY) R⁻¹a − b)
        var rInvA = SolveUpper(a, n);
        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            double sum = _r[i, i] * rInvA[i];
            for (var j = 0; j < n; j++) sum += _gamma * _yy[i, j] * rInvA[j];
            w[i] = sum - b[i];
        }
        var p = SolveUpperTransposed(w, n);
        var pPhysical = new double[capacity];
        var qPhysical = new double[capacity];
        for (var i = 0; i < n; i++)
        {
            pPhysical[Row(i)] = p[i];
            qPhysical[Row(i)] = -_gamma * rInvA[i];
        }
        int rows = StoredRows(_start, n);
        var pt = torch.tensor(pPhysical, dtype: g.dtype, device: g.device).narrow(0, 0, rows);
        var qt = torch.tensor(qPhysical, dtype: g.dtype, device: g.device).narrow(0, 0, rows);
        var direction = g.reshape(-1).mul(_gamma)
            .add_(_s!.narrow(0, 0, rows).t().mv(pt))
            .add_(_y!.narrow(0, 0, rows).t().mv(qt));
        return direction.neg_().reshape(g.shape).MoveToOuterDisposeScope();
    }

    public void Clear()
    {
        _s?.Dispose();
        _y?.Dispose();
        _s = _y = null;
        _count = 0;
        _start = 0;
        _gamma = 1;
    }

    public void Dispose() => Clear();

    /// <summary>
    /// Writes the pair matrices (rows in ring order, [k, P]), the ring's start, R and YᵀY (logical order,
    /// [k, k]), the pairs' ρ = 1/sᵀy and γ under <paramref name="prefix"/>.
    /// </summary>
    public void Save(OptimizerState state, string prefix)
    {
        state.Set($"{prefix}.count", _count).Set($"{prefix}.gamma", _gamma).Set($"{prefix}.start", _start);
        if (_count == 0) return;
        using var scope = torch.NewDisposeScope();
        int n = _count, rows = StoredRows(_start, n);
        var r = new double[n * n];
        var yy = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                r[i * n + j] = _r[i, j];
                yy[i * n + j] = _yy[i, j];
            }
        state.Set($"{prefix}.s", _s!.narrow(0, 0, rows).clone())
             .Set($"{prefix}.y", _y!.narrow(0, 0, rows).clone())
             .Set($"{prefix}.r", torch.tensor(r, dtype: ScalarType.Float64).reshape(n, n))
             .Set($"{prefix}.yy", torch.tensor(yy, dtype: ScalarType.Float64).reshape(n, n))
             .Set($"{prefix}.rho", torch.tensor(Enumerable.Range(0, n).Select(i => 1 / _r[i, i]).ToArray(), dtype: ScalarType.Float64));
    }

    /// <summary>Replaces the pairs with those saved by <see cref="Save"/>, on <paramref name="device"/>.</summary>
    public void Load(OptimizerState state, string prefix, Device device)
    {
        Clear();
        var count = (int)state.Integer($"{prefix}.count");
        if (count > capacity) throw new InvalidDataException($"the saved L-BFGS history holds {count} pairs but this optimizer keeps {capacity}; resume with the same options.");
        _gamma = state.Number($"{prefix}.gamma");
        if (count == 0) return;
        using var scope = torch.NewDisposeScope();
        var s = state.Tensor($"{prefix}.s", device);
        var y = state.Tensor($"{prefix}.y", device);
        if (!state.Has($"{prefix}.r")) { LoadPairsOnly(s, y, count); return; }    // written before R and YᵀY were kept
        var start = (int)state.Integer($"{prefix}.start");
        var r = state.Tensor($"{prefix}.r").data<double>().ToArray();
        var yy = state.Tensor($"{prefix}.yy").data<double>().ToArray();
        int rows = StoredRows(start, count);
        if (start < 0 || start >= capacity || s.shape[0] != rows || y.shape[0] != rows || r.Length != count * count || yy.Length != count * count)
            throw new InvalidDataException($"the saved L-BFGS history is inconsistent ({count} pairs expected).");
        _s = torch.zeros(capacity, s.shape[1], dtype: s.dtype, device: device).DetachFromDisposeScope();
        _y = torch.zeros_like(_s).DetachFromDisposeScope();
        _s.narrow(0, 0, rows).copy_(s);
        _y.narrow(0, 0, rows).copy_(y);
        _start = start;
        _count = count;
        for (var i = 0; i < count; i++)
            for (var j = 0; j < count; j++)
            {
                _r[i, j] = r[i * count + j];
                _yy[i, j] = yy[i * count + j];
            }
    }

    /// <summary>Rebuilds the ring from pairs alone (oldest first), computing R and YᵀY.</summary>
    private void LoadPairsOnly(Tensor s, Tensor y, int count)
    {
        if (s.shape[0] != count || y.shape[0] != count)
            throw new InvalidDataException($"the saved L-BFGS history is inconsistent ({count} pairs expected).");
        var gamma = _gamma;
        for (var i = 0; i < count; i++)
            if (!TryAdd(s[i], y[i])) throw new InvalidDataException("the saved L-BFGS history holds a pair with sᵀy ≤ 0.");
        _gamma = gamma;
    }

    private int Row(int logical) => (_start + logical) % capacity;

    /// <summary>How many leading rows of the ring hold pairs: all of them once it has wrapped, else the count.</summary>
    private int StoredRows(int start, int count) => Math.Min(capacity, Math.Max(count, start + count));

    /// <summary>Drops the oldest pair: the ring advances and R, YᵀY shift up and left by one.</summary>
    private void Evict()
    {
        for (var i = 1; i < _count; i++)
            for (var j = 1; j < _count; j++)
            {
                _r[i - 1, j - 1] = _r[i, j];
                _yy[i - 1, j - 1] = _yy[i, j];
            }
        _start = (_start + 1) % capacity;
        _count--;
    }

    /// <summary>M v for the stored rows of M [capacity, P] (unused rows give 0), in physical order.</summary>
    private double[] Products(Tensor m, Tensor v)
    {
        int rows = StoredRows(_start, _count);
        var result = new double[capacity];
        if (rows == 0) return result;
        using var product = m.narrow(0, 0, rows).mv(v).cpu();
        product.data<double>().CopyTo(result, 0);
        return result;
    }

    /// <summary>x with R x = v (R upper triangular, the first n rows and columns).</summary>
    private double[] SolveUpper(double[] v, int n)
    {
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            double sum = v[i];
            for (var j = i + 1; j < n; j++) sum -= _r[i, j] * x[j];
            x[i] = sum / _r[i, i];
        }
        return x;
    }

    /// <summary>x with Rᵀ x = v.</summary>
    private double[] SolveUpperTransposed(double[] v, int n)
    {
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            double sum = v[i];
            for (var j = 0; j < i; j++) sum -= _r[j, i] * x[j];
            x[i] = sum / _r[i, i];
        }
        return x;
    }
}
