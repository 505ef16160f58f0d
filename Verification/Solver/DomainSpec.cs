using System.Globalization;
using Pinn.Physics;

namespace Pinn.Verification.Solver;

/// <summary>
/// A box, optionally × a time interval, as plain numbers (so that a counterexample prints it): build the domain with
/// <see cref="ToDomain"/>. Generated and shrunk by <see cref="Domains"/>.
/// </summary>
/// <param name="Sides">(lower, upper) of each spatial coordinate.</param>
/// <param name="Time">(start, end) of the time interval, or null for a steady problem.</param>
public sealed record DomainSpec(IReadOnlyList<(double Lower, double Upper)> Sides, (double Start, double End)? Time = null)
{
    /// <summary>Number of spatial coordinates.</summary>
    public int SpaceDimension => Sides.Count;

    /// <summary>Number of inputs (time included).</summary>
    public int Dimension => Sides.Count + (Time is null ? 0 : 1);

    /// <summary>The domain: <c>Domain.Box</c>, or <c>Domain.SpaceTime</c> of it.</summary>
    public Domain ToDomain()
    {
        var box = Domain.Box(Sides.ToArray());
        return Time is { } t ? Domain.SpaceTime(box, t) : box;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        static string N(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        var parts = Sides.Select(s => $"[{N(s.Lower)}, {N(s.Upper)}]").ToList();
        if (Time is { } t) parts.Add($"t ∈ [{N(t.Start)}, {N(t.End)}]");
        return string.Join(" × ", parts);
    }
}
