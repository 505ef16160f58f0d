namespace Pinn.Problems;

/// <summary>Collocation sizes chosen by the user; null keeps the problem's literature default.</summary>
/// <param name="InteriorPoints">Residual points in the interior (space × time).</param>
/// <param name="BoundaryPoints">Points for the boundary and initial conditions together.</param>
public sealed record ProblemSize(int? InteriorPoints = null, int? BoundaryPoints = null)
{
    /// <summary>Throws on zero or negative sizes.</summary>
    public ProblemSize Validate()
    {
        if (InteriorPoints is <= 0) throw new ArgumentOutOfRangeException(nameof(InteriorPoints), $"--points must be a positive integer (got {InteriorPoints})");
        if (BoundaryPoints is <= 0) throw new ArgumentOutOfRangeException(nameof(BoundaryPoints), $"--boundary-points must be a positive integer (got {BoundaryPoints})");
        return this;
    }
}
