using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The two Kronecker factors of one matrix parameter G [m, n]: the left statistic L [m, m] built from
/// G Gᵀ and the right statistic R [n, n] built from Gᵀ G, each with a derived matrix (SOAP's eigenbasis,
/// Shampoo's inverse root) that the optimizer refreshes from it. A side whose size exceeds the
/// optimizer's maximum preconditioned dimension has neither and acts as the identity.
/// </summary>
/// <remarks>
/// Gupta, Koren &amp; Singer 2018, Algorithm 1 (Lₜ = Lₜ₋₁ + GₜGₜᵀ, Rₜ = Rₜ₋₁ + GₜᵀGₜ) and the moving-average
/// form of Vyas et al. 2024, Algorithm 3 (L ← β L + (1 − β) G Gᵀ, R ← β R + (1 − β) GᵀG). Side 0 is the
/// left (rows), side 1 the right (columns). State tensors are detached and released in <see cref="Dispose"/>.
/// </remarks>
internal sealed class KroneckerStatistics : IDisposable
{
    private readonly Tensor?[] _statistics = new Tensor?[2];
    private readonly Tensor?[] _matrices = new Tensor?[2];

    private KroneckerStatistics(ParameterShape shape) => Shape = shape;

    /// <summary>The matrix parameter these factors belong to.</summary>
    public ParameterShape Shape { get; }

    /// <summary>Zero statistics for each side of <paramref name="shape"/> not larger than <paramref name="maxDimension"/>.</summary>
    public static KroneckerStatistics Zeros(ParameterShape shape, long maxDimension, Tensor like)
    {
        var factors = new KroneckerStatistics(shape);
        for (var side = 0; side < 2; side++)
        {
            var size = Size(shape, side);
            if (size <= maxDimension)
            {
                factors._statistics[side] = torch.zeros(size, size, dtype: like.dtype, device: like.device).DetachFromDisposeScope();
            }
        }
        return factors;
    }

    /// <summary>The statistic of <paramref name="side"/> (0 left, 1 right), or null when that side is not preconditioned.</summary>
    public Tensor? Statistic(int side) => _statistics[side];

    /// <summary>The derived matrix of <paramref name="side"/>, or null before the first refresh or when not preconditioned.</summary>
    public Tensor? Matrix(int side) => _matrices[side];

    /// <summary>
    /// Replaces the derived matrix of <paramref name="side"/> by a row-major copy (LAPACK returns column-major
    /// factors; a restored checkpoint is row-major, and the two layouts round differently in matmul).
    /// </summary>
    public void SetMatrix(int side, Tensor matrix)
    {
        var old = _matrices[side];
        _matrices[side] = matrix.contiguous().DetachFromDisposeScope();
        old?.Dispose();
    }

    /// <summary>
    /// Adds G Gᵀ and Gᵀ G: L ← β L + (1 − β) G Gᵀ (moving average), or L ← L + G Gᵀ when
    /// <paramref name="sum"/> is true; the same for R.
    /// </summary>
    public void Accumulate(Tensor gradient, double decay, bool sum)
    {
        for (var side = 0; side < 2; side++)
        {
            var statistic = _statistics[side];
            if (statistic is null) continue;
            var outer = side == 0 ? gradient.matmul(gradient.t()) : gradient.t().matmul(gradient);
            if (sum) statistic.add_(outer);
            else statistic.mul_(decay).add_(outer, 1 - decay);
        }
    }

    /// <summary>
    /// A X B with A the left derived matrix (transposed when <paramref name="transposeLeft"/>) and B the
    /// right one (transposed when <paramref name="transposeRight"/>); a missing side is the identity.
    /// </summary>
    public Tensor Apply(Tensor matrix, bool transposeLeft, bool transposeRight)
    {
        var result = matrix;
        if (_matrices[0] is { } left) result = (transposeLeft ? left.t() : left).matmul(result);
        if (_matrices[1] is { } right) result = result.matmul(transposeRight ? right.t() : right);
        return ReferenceEquals(result, matrix) ? matrix.clone() : result;
    }

    /// <summary>Saves the statistics and derived matrices under <c>{prefix}.left</c>, <c>{prefix}.left_matrix</c>, ….</summary>
    public void Save(OptimizerState state, string prefix)
    {
        for (var side = 0; side < 2; side++)
        {
            if (_statistics[side] is { } s) state.Set(Key(prefix, side, false), s);
            if (_matrices[side] is { } m) state.Set(Key(prefix, side, true), m);
        }
    }

    /// <summary>The factors of <paramref name="shape"/> saved by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">A saved statistic does not have the size the shape and <paramref name="maxDimension"/> imply.</exception>
    public static KroneckerStatistics Load(OptimizerState state, string prefix, ParameterShape shape, long maxDimension)
    {
        var factors = new KroneckerStatistics(shape);
        for (var side = 0; side < 2; side++)
        {
            var size = Size(shape, side);
            var statistic = state.TensorOrNull(Key(prefix, side, false));
            if ((statistic is null) != (size > maxDimension) || (statistic is not null && statistic.shape[0] != size))
            {
                statistic?.Dispose();
                factors.Dispose();
                throw new InvalidDataException($"{state.Optimizer} state: the factor '{Key(prefix, side, false)}' does not fit parameter {shape}; the checkpoint is from another network or optimizer setting.");
            }
            factors._statistics[side] = statistic?.DetachFromDisposeScope();
            factors._matrices[side] = state.TensorOrNull(Key(prefix, side, true))?.DetachFromDisposeScope();
        }
        return factors;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        for (var side = 0; side < 2; side++)
        {
            _statistics[side]?.Dispose();
            _matrices[side]?.Dispose();
            _statistics[side] = null;
            _matrices[side] = null;
        }
    }

    private static long Size(ParameterShape shape, int side) => side == 0 ? shape.Rows : shape.Columns;

    private static string Key(string prefix, int side, bool matrix) =>
        $"{prefix}.{(side == 0 ? "left" : "right")}{(matrix ? "_matrix" : "")}";
}
