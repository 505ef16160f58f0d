using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// The points on which errors against the exact or reference solution are measured: a tensor grid (every
/// combination of one value per coordinate axis, last coordinate fastest) or, beyond three dimensions, a Halton set.
/// Norms over it are equal-weight means (<c>Pinn.Verification.ErrorNorms</c>).
/// </summary>
/// <remarks>
/// Where the literature measures a problem's error on a published grid (burgers and allen-cahn: the 201 t × 512 x
/// points of the jaxpi reference files), the catalogue uses that grid's points, so reported errors compare with the
/// published ones; elsewhere it uses a closed grid fine enough that refining it (<see cref="Refined"/>) changes the
/// relative L2 error by less than 1 % (a test per catalogue problem checks that). A coarse grid can understate an
/// error badly: on burgers a closed 100 × 100 grid has no point at x = 0, where the shock and almost all of the
/// error are, and reports less than half the error measured on the 201 × 512 points.
/// </remarks>
public sealed class ErrorGrid
{
    private readonly double[][]? _axes;
    private readonly Box? _haltonBox;

    private ErrorGrid(string description, double[][]? axes, Box? haltonBox, long count)
    {
        Description = description;
        _axes = axes;
        _haltonBox = haltonBox;
        Count = count;
    }

    /// <summary>What the grid is, in words (stored in results files), e.g. "closed grid 201x201".</summary>
    public string Description { get; }

    /// <summary>Number of points.</summary>
    public long Count { get; }

    /// <summary>Input dimension.</summary>
    public int Dimension => _axes?.Length ?? _haltonBox!.Dimension;

    /// <summary>The axes of a tensor grid (null for a Halton set).</summary>
    public IReadOnlyList<IReadOnlyList<double>>? Axes => _axes;

    /// <summary>A closed grid of the box (end points included) with <paramref name="perAxis"/> points per coordinate (one number: the same for all).</summary>
    public static ErrorGrid Closed(Box box, params int[] perAxis)
    {
        ArgumentNullException.ThrowIfNull(box);
        if (perAxis.Length == 1 && box.Dimension > 1) perAxis = Enumerable.Repeat(perAxis[0], box.Dimension).ToArray();
        if (perAxis.Length != box.Dimension || perAxis.Any(n => n < 2))
            throw new ArgumentException($"a closed grid of a {box.Dimension}-D box needs at least 2 points per axis for each axis (got {string.Join(", ", perAxis)})");
        var axes = Enumerable.Range(0, box.Dimension).Select(k => Box.Linspace(box.Lower[k], box.Upper[k], perAxis[k])).ToArray();
        return FromAxes($"closed grid {string.Join("x", perAxis)}", axes);
    }

    /// <summary>A tensor grid with the given axes (e.g. a published reference grid's points), described by <paramref name="description"/>.</summary>
    public static ErrorGrid FromAxes(string description, params double[][] axes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        if (axes.Length == 0 || axes.Any(a => a is null || a.Length == 0 || a.Any(v => !double.IsFinite(v))))
            throw new ArgumentException("a grid needs at least one axis, each with finite values");
        long count = axes.Aggregate(1L, (n, a) => checked(n * a.Length));
        return new ErrorGrid(description, axes.Select(a => (double[])a.Clone()).ToArray(), null, count);
    }

    /// <summary>The first <paramref name="count"/> Halton points of the box.</summary>
    public static ErrorGrid Halton(Box box, int count)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new ErrorGrid($"{count} Halton points", null, box, count);
    }

    /// <summary>
    /// The grid of a domain without one of its own: a closed grid with at least <paramref name="minimumPoints"/> points
    /// (the same count per axis) in up to three dimensions, Halton points beyond.
    /// </summary>
    public static ErrorGrid Default(Domain domain, int minimumPoints = 10_000)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumPoints, 1);
        int d = domain.Dimension;
        if (d > 3) return Halton(domain.Bounds, minimumPoints);
        int per = 2;
        while (Math.Pow(per, d) < minimumPoints) per++;
        return Closed(domain.Bounds, per);
    }

    /// <summary>
    /// The grid with every spacing halved (n points per axis become 2n − 1, a superset of these points) or, for a
    /// Halton set, four times as many points: what the refinement test compares against.
    /// </summary>
    public ErrorGrid Refined()
    {
        if (_axes is null) return Halton(_haltonBox!, checked((int)Count * 4));
        var axes = _axes.Select(a => a.Length == 1 ? a
            : Enumerable.Range(0, 2 * a.Length - 1).Select(i => i % 2 == 0 ? a[i / 2] : (a[i / 2] + a[i / 2 + 1]) / 2).ToArray()).ToArray();
        return FromAxes($"{Description}, refined", axes);
    }

    /// <summary>The points as a [N, d] float64 tensor (for a grid: the last coordinate varies fastest).</summary>
    public Tensor Points()
    {
        if (_axes is null) return Physics.Points.ToTensor(_haltonBox!.FromUnit(Physics.Halton.Points((int)Count, Dimension)));
        return Physics.Points.ToTensor(Box.TensorGrid(_axes));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Description} ({Count} points)";
}
