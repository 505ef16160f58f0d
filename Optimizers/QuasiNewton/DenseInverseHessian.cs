using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// A dense P×P approximation H of the inverse Hessian, updated by a member of the self-scaled Broyden class
/// (<see cref="SelfScaling"/>): H₊ = H/τ + [u s] C [u s]ᵀ with u = Hy and a symmetric 2×2 C, which is
/// H₊ = (H − uuᵀ/yᵀu + φ·yᵀu·vvᵀ)/τ + ssᵀ/sᵀy, v = s/sᵀy − u/yᵀu, so that H₊y = s (the secant equation) for every
/// τ and φ. Owns its tensors.
/// </summary>
/// <remarks>
/// An update costs two passes over the matrix: the product Hy and one rank-2 <c>addmm</c>, O(P²) with no P³ step.
/// H is kept as κ·Ĥ with a scalar κ, so that the scaling by 1/τ costs nothing; κ is moved back into Ĥ by a power
/// of two (exact in float64) when it leaves [2⁻⁶⁴, 2⁶⁴]. Until the first update H = I and no matrix is held.
/// An update is skipped when sᵀy ≤ ε‖y‖² (ε = 2⁻⁵², curvature not safely positive); when yᵀHy or sᵀBs is not
/// positive and finite, H is no longer positive definite in float64 and is reset to I.
/// </remarks>
internal sealed class DenseInverseHessian(DenseQuasiNewtonUpdate rule, bool initialScale) : IInverseHessianApproximation
{
    private const double RescaleAbove = 18446744073709551616.0;   // 2⁶⁴
    private Tensor? _matrix;    // Ĥ; null while H = I
    private double _scale = 1;  // κ

    /// <summary>Updates applied since the last reset.</summary>
    public long Updates { get; private set; }

    /// <summary>Pairs skipped since the last reset because sᵀy was not safely positive.</summary>
    public long Skipped { get; private set; }

    /// <inheritdoc />
    public bool IsEmpty => _matrix is null;

    /// <inheritdoc />
    public string Label => rule switch
    {
        DenseQuasiNewtonUpdate.Bfgs => "BFGS",
        DenseQuasiNewtonUpdate.SelfScaledBfgs => "SSBFGS",
        _ => "SSBroyden",
    };

    /// <inheritdoc />
    public string ClearedMessage => "inverse Hessian reset to I";

    /// <summary>A copy of H (the identity while none is held), in the caller's scope.</summary>
    public Tensor Matrix(long dimension)
    {
        using var scope = torch.NewDisposeScope();
        var m = _matrix is null ? torch.eye(dimension, dtype: ScalarType.Float64) : _matrix.mul(_scale);
        return m.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Direction(Tensor gradient)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var g = gradient.detach();
        var d = _matrix is null ? g.neg() : _matrix.mv(g).mul_(-_scale);
        return d.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public bool Update(Tensor step, Tensor gradientChange, double stepLength, double slope)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var s = step.detach();
        var y = gradientChange.detach();
        var sy = VectorMath.Dot(s, y);
        var yy = VectorMath.Dot(y, y);
        if (!(sy > VectorMath.MachineEpsilon * yy) || !double.IsFinite(sy) || !double.IsFinite(yy))
        {
            Skipped++;
            return false;
        }
        var u = _matrix is null ? y : _matrix.mv(y).mul_(_scale);
        var yHy = _matrix is null ? yy : VectorMath.Dot(y, u);
        var sBs = -stepLength * stepLength * slope;
        if (!(yHy > 0 && sBs > 0) || !double.IsFinite(yHy) || !double.IsFinite(sBs))
        {
            Clear();
            return false;
        }
        var (tau, phi) = SelfScaling.Choose(rule, sBs / sy, yHy / sy, s.shape[0], initial: initialScale && _matrix is null);
        if (!(tau > 0 && double.IsFinite(tau) && double.IsFinite(phi))) (tau, phi) = (1, 1);
        Apply(s, u, sy, yHy, tau, phi);
        Updates++;
        return true;
    }

    /// <inheritdoc />
    public void Clear()
    {
        _matrix?.Dispose();
        _matrix = null;
        _scale = 1;
        Updates = 0;
        Skipped = 0;
    }

    /// <inheritdoc />
    public void Dispose() => Clear();

    /// <inheritdoc />
    public void Save(OptimizerState state, string prefix)
    {
        state.Set($"{prefix}.present", _matrix is null ? 0 : 1).Set($"{prefix}.scale", _scale)
             .Set($"{prefix}.updates", Updates).Set($"{prefix}.skipped", Skipped);
        if (_matrix is not null) state.Set($"{prefix}.matrix", _matrix);
    }

    /// <inheritdoc />
    public void Load(OptimizerState state, string prefix, Device device)
    {
        Clear();
        if (state.Flag($"{prefix}.present"))
        {
            var matrix = state.Tensor($"{prefix}.matrix", device);
            if (matrix.dim() != 2 || matrix.shape[0] != matrix.shape[1])
            {
                matrix.Dispose();
                throw new InvalidDataException($"the saved {Label} inverse Hessian is not a square matrix; the checkpoint is damaged.");
            }
            _matrix = matrix.DetachFromDisposeScope();
        }
        _scale = state.Number($"{prefix}.scale");
        Updates = state.Integer($"{prefix}.updates");
        Skipped = state.Integer($"{prefix}.skipped");
    }

    /// <summary>H₊ = H/τ + α_uu uuᵀ + α_us (suᵀ + usᵀ) + α_ss ssᵀ, the expansion of the class formula.</summary>
    private void Apply(Tensor s, Tensor u, double sy, double yHy, double tau, double phi)
    {
        var rho = 1 / sy;
        var uu = (phi - 1) / (yHy * tau);
        var us = -phi * rho / tau;
        var ss = phi * rho * rho * yHy / tau + rho;
        if (_matrix is null)
        {
            _matrix = torch.eye(s.shape[0], dtype: s.dtype, device: s.device).DetachFromDisposeScope();
            _scale = 1;
        }
        _scale /= tau;
        var left = torch.stack([u, s], 1);
        var right = torch.stack([u.mul(uu).add_(s, us), u.mul(us).add_(s, ss)], 0).div_(_scale);
        _matrix.addmm_(left, right, 1, 1);
        while (_scale > RescaleAbove || _scale < 1 / RescaleAbove)
        {
            var factor = _scale > 1 ? RescaleAbove : 1 / RescaleAbove;
            _matrix.mul_(factor);
            _scale /= factor;
        }
    }
}
