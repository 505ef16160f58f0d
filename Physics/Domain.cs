using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// Where a problem lives: a box in space, or a box in space times a time interval (time is the last
/// coordinate). The domain names its coordinates, its regions (interior, spatial boundary, initial
/// slice) and the evaluation grid on which errors are measured.
/// </summary>
public sealed class Domain
{
    /// <summary>The spatial box.</summary>
    public Box Space { get; }
    /// <summary>The time interval, or null for a steady problem.</summary>
    public (double Start, double End)? Time { get; }
    /// <summary>The whole box (space × time when time-dependent).</summary>
    public Box Bounds { get; }
    /// <summary>Input dimension of the network (space dimension + 1 with time).</summary>
    public int Dimension => Bounds.Dimension;
    /// <summary>Index of the time coordinate, or null.</summary>
    public int? TimeIndex => Time is null ? null : Space.Dimension;
    /// <summary>Indices of the spatial coordinates.</summary>
    public IReadOnlyList<int> SpatialIndices => Enumerable.Range(0, Space.Dimension).ToArray();

    private Domain(Box space, (double, double)? time)
    {
        Space = space;
        Time = time;
        Bounds = time is { } t
            ? new Box(Enumerable.Range(0, space.Dimension).Select(k => (space.Lower[k], space.Upper[k])).Append(t).ToArray())
            : space;
    }

    /// <summary>A steady domain: the box with these sides.</summary>
    public static Domain Box(params (double Lower, double Upper)[] sides) => new(new Box(sides), null);

    /// <summary>A time-dependent domain: space box × [start, end].</summary>
    public static Domain SpaceTime(Domain space, (double Start, double End) time)
    {
        if (space.Time is not null) throw new ArgumentException("the space part of a space-time domain must be steady");
        if (!(time.Start < time.End)) throw new ArgumentException($"the time interval needs start < end (got [{time.Start}, {time.End}])");
        return new(space.Space, time);
    }

    /// <summary>Names of the coordinates (x, y, z, … then t).</summary>
    public IReadOnlyList<string> CoordinateNames =>
        Enumerable.Range(0, Space.Dimension)
            .Select(k => Space.Dimension <= 3 ? "xyz"[k].ToString() : $"x{k + 1}")
            .Concat(Time is null ? [] : ["t"]).ToArray();

    /// <summary>The interior (of space × time when time-dependent).</summary>
    public IRegion Interior => Bounds;

    /// <summary>The spatial boundary (× the time interval when time-dependent).</summary>
    public IRegion Boundary => Time is { } t ? new SpaceTimeBoundary(Space, t) : new BoxBoundary(Space);

    /// <summary>The initial slice t = start (time-dependent domains only).</summary>
    public IRegion Initial => Time is { } t
        ? new TimeSlice(Space, t.Start)
        : throw new InvalidOperationException("a steady domain has no initial slice");

    /// <summary>
    /// Points on which errors are measured by default: a closed grid with at least <paramref name="minimumPoints"/>
    /// points in up to 3 dimensions, Halton points beyond (<see cref="ErrorGrid.Default"/>).
    /// </summary>
    public Tensor EvaluationPoints(int minimumPoints = 10_000) => ErrorGrid.Default(this, minimumPoints).Points();
}
