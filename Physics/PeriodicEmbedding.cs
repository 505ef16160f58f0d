namespace Pinn.Physics;

/// <summary>
/// Exact periodicity in one coordinate: x_k ↦ [cos(2πj (x_k − c_k)/L), sin(2πj (x_k − c_k)/L)], j = 1..H, with
/// c_k the centre of the domain; the other coordinates pass through unchanged. Every function of the embedded
/// inputs, and each of its derivatives, is L-periodic in x_k, so a periodic condition needs no loss term.
/// </summary>
/// <remarks>
/// S. Dong, N. Ni, "A method for representing periodic functions and enforcing exactly periodic boundary
/// conditions with deep neural networks", J. Comput. Phys. 435 (2021) (C^∞ periodic conditions by
/// cos/sin of the periodic coordinate); S. Wang, S. Sankaran, H. Wang, P. Perdikaris, "An expert's guide to training
/// physics-informed neural networks" (2023, arXiv:2308.08468). The shift by the centre c_k only rotates each (cos, sin)
/// pair, which the first layer absorbs.
/// </remarks>
/// <param name="Coordinate">The periodic input k.</param>
/// <param name="Period">The period L (the domain's width in x_k for a periodic problem).</param>
/// <param name="Harmonics">H, the number of frequencies j = 1..H (default 1).</param>
public sealed record PeriodicEmbedding(int Coordinate, double Period, int Harmonics = 1) : InputEmbedding
{
    /// <inheritdoc />
    public override void Validate(int dimension)
    {
        if (Coordinate < 0 || Coordinate >= dimension)
            throw new ArgumentOutOfRangeException(nameof(Coordinate), $"a periodic embedding needs a coordinate in 0..{dimension - 1} (got {Coordinate})");
        if (!(Period > 0) || !double.IsFinite(Period))
            throw new ArgumentOutOfRangeException(nameof(Period), $"the period must be finite and > 0 (got {Period})");
        if (Harmonics < 1) throw new ArgumentOutOfRangeException(nameof(Harmonics), $"harmonics must be ≥ 1 (got {Harmonics})");
    }
}
