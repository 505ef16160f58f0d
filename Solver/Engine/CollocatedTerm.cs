using Pinn.Physics;
using static TorchSharp.torch;

namespace Pinn.Solver.Engine;

/// <summary>A residual term with its drawn points and the derivatives its residual needs.</summary>
public sealed class CollocatedTerm : IDisposable
{
    private readonly int _outputs;

    /// <summary>The term.</summary>
    public ResidualTerm Term { get; }
    /// <summary>Its points [N, d] (owned).</summary>
    public Tensor Points { get; private set; }
    /// <summary>What its residual asks of the field.</summary>
    public DerivativeRequest Request { get; }

    /// <summary>The term's data (forcing, boundary values) at its points, or null (owned).</summary>
    public Tensor? Data { get; private set; }

    private TransformJet? _transformJet;
    private OutputTransform? _transformJetOf;

    /// <summary>
    /// The jets of a hard constraint's A and B at the term's points for its request, computed on first use and kept
    /// until the points change; null when <paramref name="transform"/> is null or the term needs nested autograd.
    /// </summary>
    public TransformJet? TransformJetFor(OutputTransform? transform)
    {
        if (transform is null || !Request.TaylorCompatible) return null;
        if (_transformJet is null || !ReferenceEquals(_transformJetOf, transform))
        {
            _transformJet?.Dispose();
            _transformJet = TransformJet.Compute(transform, Points, Request, _outputs);
            _transformJetOf = transform;
        }
        return _transformJet;
    }

    /// <summary>The residual Residual(u, x) − Data(x) at the term's points, with the cached data.</summary>
    public Tensor Evaluate(Field u)
    {
        var r = Term.Residual(u, Points);
        return Data is null ? r : r - Data;
    }

    private Tensor? ComputeData()
    {
        if (Term.Data is null) return null;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var data = Term.Data(Points);
        if (data.dtype != ScalarType.Float64)
            throw new ArgumentException($"term '{Term.Name}': its data must be float64 (got {data.dtype})");
        return data.detach().MoveToOuterDisposeScope().DetachFromDisposeScope();
    }

    /// <summary>Draws the term's points and records its derivative needs by a dry run of the residual.</summary>
    public CollocatedTerm(ResidualTerm term, Random random, int outputs, int? timeIndex)
    {
        Term = term;
        _outputs = outputs;
        Points = term.Region.Draw(term.Sample, random).DetachFromDisposeScope();
        Data = ComputeData();
        Request = Probe(term, Points, outputs, timeIndex);
    }

    /// <summary>The term at given points [N, d] (a copy is kept), with a known derivative request: no dry run.</summary>
    private CollocatedTerm(ResidualTerm term, Tensor points, DerivativeRequest request, int outputs)
    {
        Term = term;
        _outputs = outputs;
        Points = points.detach().clone().DetachFromDisposeScope();
        Data = ComputeData();
        Request = request;
    }

    /// <summary>The same term at other points [N, d] (copied), e.g. a chunk of a candidate pool; the caller disposes it.</summary>
    public CollocatedTerm At(Tensor points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.dim() != 2 || points.shape[1] != Points.shape[1] || points.dtype != ScalarType.Float64)
            throw new ArgumentException($"term '{Term.Name}': points must be float64 [N, {Points.shape[1]}] (got {points.dtype} [{string.Join(", ", points.shape)}])");
        return new CollocatedTerm(Term, points, Request, _outputs);
    }

    /// <summary>Replaces the points with a fresh draw (resampling).</summary>
    public void Resample(Random random) => Use(Term.Region.Draw(Term.Sample, random).DetachFromDisposeScope());

    /// <summary>Replaces the points with <paramref name="points"/> [N, d] (copied; adaptive sampling's batches).</summary>
    public void UsePoints(Tensor points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.dim() != 2 || points.shape[1] != Points.shape[1] || points.dtype != ScalarType.Float64)
            throw new ArgumentException($"term '{Term.Name}': points must be float64 [N, {Points.shape[1]}] (got {points.dtype} [{string.Join(", ", points.shape)}])");
        Use(points.detach().clone().DetachFromDisposeScope());
    }

    private void Use(Tensor fresh)
    {
        Points.Dispose();
        Points = fresh;
        Data?.Dispose();
        Data = ComputeData();
        _transformJet?.Dispose();
        _transformJet = null;
    }

    private static DerivativeRequest Probe(ResidualTerm term, Tensor points, int outputs, int? timeIndex)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var source = new RecordingSource(points.shape[0], (int)points.shape[1], outputs);
        Tensor r;
        try
        {
            r = term.Evaluate(new Field(source, timeIndex), points);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException($"term '{term.Name}': {e.Message}", e);
        }
        if (r.dtype != ScalarType.Float64)
            throw new ArgumentException($"term '{term.Name}': the residual must be float64 (got {r.dtype}); build constants with dtype: ScalarType.Float64");
        if (r.numel() == 0)
            throw new ArgumentException($"term '{term.Name}': the residual is empty");
        return source.Request;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Points.Dispose();
        Data?.Dispose();
        _transformJet?.Dispose();
    }
}
