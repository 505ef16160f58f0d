using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// One named term of the loss: a residual enforced at points drawn from a region, with a weight.
/// The loss contributed is Weight · mean(residual²). A term is pointwise when residual row n depends
/// only on point n (every local PDE or boundary residual); coupled terms such as periodicity, which
/// compare pairs of points, say so, and their Jacobians are assembled by the general path.
/// </summary>
public sealed record ResidualTerm(string Name, IRegion Region, Sample Sample, Residual Residual, double Weight = 1.0)
{
    /// <summary>Validates the weight.</summary>
    public double Weight { get; init; } = Weight >= 0 && double.IsFinite(Weight) ? Weight
        : throw new ArgumentOutOfRangeException(nameof(Weight), $"a term weight must be finite and ≥ 0 (got {Weight})");

    /// <summary>Whether residual row n depends only on point n.</summary>
    public bool Pointwise { get; init; } = true;

    /// <summary>
    /// Data that depends on the points only (a forcing term, boundary values): subtracted from
    /// <see cref="Residual"/>, and computed once per point set instead of at every evaluation.
    /// </summary>
    public Func<Tensor, Tensor>? Data { get; init; }

    /// <summary>The full residual Residual(u, x) − Data(x) (data computed now).</summary>
    public Tensor Evaluate(Field u, Tensor x) => Data is null ? Residual(u, x) : Residual(u, x) - Data(x);
}
