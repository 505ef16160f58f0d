using static TorchSharp.torch;

namespace Pinn.Physics;

/// <summary>
/// A PDE problem: a domain, the network's number of outputs, named residual terms (the PDE in the
/// interior, boundary and initial conditions, periodicity) and optionally the exact solution.
/// Built fluently; every method returns a new problem.
/// </summary>
/// <example>
/// <code>
/// var problem = Problem.On(Domain.Box((0, 1), (0, 1)))
///     .Interior(Sample.Grid(900), (u, x) => -u.Laplacian() - Forcing(x))
///     .Dirichlet(Sample.Grid(120), Exact)
///     .WithSolution(Exact);
/// </code>
/// </example>
public sealed record Problem
{
    /// <summary>A short name (used in files and reports).</summary>
    public string Name { get; init; } = "problem";
    /// <summary>The domain.</summary>
    public required Domain Domain { get; init; }
    /// <summary>Number of network outputs (components of the solution).</summary>
    public int Outputs { get; init; } = 1;
    /// <summary>Names of the outputs (e.g. u, v, p), used in reports; empty: u, or u0, u1, … for systems.</summary>
    public IReadOnlyList<string> OutputNames { get; init; } = [];
    /// <summary>The loss terms, in order.</summary>
    public IReadOnlyList<ResidualTerm> Terms { get; init; } = [];
    /// <summary>Exact solution: points [N, d] → values [N] (one output) or [N, Outputs].</summary>
    public Func<Tensor, Tensor>? Solution { get; init; }
    /// <summary>Fixed input embeddings the network applies before its first layer, in order (none: the identity).</summary>
    public IReadOnlyList<InputEmbedding> Embeddings { get; init; } = [];
    /// <summary>The hard constraint u = A + B ⊙ N, or null (u = N).</summary>
    public OutputTransform? Transform { get; init; }

    /// <summary>Where errors are measured; unless set (<see cref="WithErrorGrid"/>), the domain's default
    /// (<see cref="Physics.ErrorGrid.Default"/>: a closed grid of at least 10 000 points, Halton points beyond 3-D).</summary>
    public ErrorGrid ErrorGrid
    {
        get => _errorGrid ?? ErrorGrid.Default(Domain);
        init => _errorGrid = value;
    }
    private ErrorGrid? _errorGrid;

    /// <summary>A problem on <paramref name="domain"/> with <paramref name="outputs"/> solution components.</summary>
    public static Problem On(Domain domain, int outputs = 1) =>
        outputs >= 1 ? new Problem { Domain = domain, Outputs = outputs }
            : throw new ArgumentOutOfRangeException(nameof(outputs), "a problem needs at least one output");

    /// <summary>Adds a term on any region; <paramref name="data"/> (points only) is subtracted from the residual and computed once per point set.</summary>
    public Problem Term(string name, IRegion region, Sample sample, Residual residual, double weight = 1.0, Func<Tensor, Tensor>? data = null)
    {
        if (Terms.Any(t => t.Name == name)) throw new ArgumentException($"a term named '{name}' already exists");
        if (region.Dimension != Domain.Dimension)
            throw new ArgumentException($"term '{name}': region dimension {region.Dimension} differs from the domain's {Domain.Dimension}");
        return this with { Terms = [.. Terms, new ResidualTerm(name, region, sample, residual, weight) { Data = data }] };
    }

    /// <summary>The PDE residual in the interior (space × time for evolution problems).</summary>
    public Problem Interior(Sample sample, Residual residual, string name = "pde", double weight = 1.0) =>
        Term(name, Domain.Interior, sample, residual, weight);

    /// <summary>
    /// The PDE L[u] = f in the interior: the residual is <paramref name="operator"/>(u, x) − f(x), with
    /// the source f evaluated once per point set.
    /// </summary>
    public Problem Interior(Sample sample, Residual @operator, Func<Tensor, Tensor> source, string name = "pde", double weight = 1.0) =>
        Term(name, Domain.Interior, sample, @operator, weight, source);

    /// <summary>u = g on the (spatial) boundary.</summary>
    public Problem Dirichlet(Sample sample, Func<Tensor, Tensor> g, string name = "boundary", double weight = 1.0, int output = 0) =>
        Term(name, Domain.Boundary, sample, (u, x) => u.Output(output), weight, g);

    /// <summary>A residual of the caller's choosing on the (spatial) boundary.</summary>
    public Problem Boundary(Sample sample, Residual residual, string name = "boundary", double weight = 1.0) =>
        Term(name, Domain.Boundary, sample, residual, weight);

    /// <summary>u(x, t₀) = g(x, t₀) on the initial slice.</summary>
    public Problem Initial(Sample sample, Func<Tensor, Tensor> g, string name = "initial", double weight = 1.0, int output = 0) =>
        Term(name, Domain.Initial, sample, (u, x) => u.Output(output), weight, g);

    /// <summary>A residual of the caller's choosing on the initial slice (e.g. an initial velocity).</summary>
    public Problem InitialCondition(Sample sample, Residual residual, string name, double weight = 1.0) =>
        Term(name, Domain.Initial, sample, residual, weight);

    /// <summary>
    /// Periodicity in coordinate <paramref name="dim"/>: u (and its first <paramref name="derivatives"/>
    /// derivatives in that coordinate) agree on the two opposite faces.
    /// </summary>
    public Problem Periodic(int dim, Sample sample, int derivatives = 0, string? name = null, double weight = 1.0)
    {
        if (dim < 0 || dim >= Domain.Dimension) throw new ArgumentOutOfRangeException(nameof(dim));
        var problem = Term(name ?? $"periodic_{Domain.CoordinateNames[dim]}", new PeriodicPairs(Domain.Bounds, dim), sample, (u, x) =>
        {
            long n = u.Count / 2;
            var parts = new List<Tensor>();
            for (int o = 0; o < Outputs; o++)
            {
                parts.Add(Halves(u.Output(o), n));
                if (derivatives >= 1) parts.Add(Halves(u.D(dim, o), n));
                if (derivatives >= 2) parts.Add(Halves(u.D2(dim, o), n));
            }
            return parts.Count == 1 ? parts[0] : cat(parts.ToArray());
        }, weight);
        return problem with { Terms = [.. problem.Terms.SkipLast(1), problem.Terms[^1] with { Pointwise = false }] };
    }

    /// <summary>
    /// Adds an input embedding: at most one <see cref="PeriodicEmbedding"/> per coordinate and one
    /// <see cref="FourierFeatures"/>.
    /// </summary>
    public Problem WithEmbedding(InputEmbedding embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        embedding.Validate(Domain.Dimension);
        if (embedding is PeriodicEmbedding p && Embeddings.OfType<PeriodicEmbedding>().Any(e => e.Coordinate == p.Coordinate))
            throw new ArgumentException($"coordinate {Domain.CoordinateNames[p.Coordinate]} already has a periodic embedding");
        if (embedding is FourierFeatures && Embeddings.OfType<FourierFeatures>().Any())
            throw new ArgumentException("the problem already has Fourier features");
        return this with { Embeddings = [.. Embeddings, embedding] };
    }

    /// <summary>Exact periodicity in coordinate <paramref name="dim"/> with the domain's width as period (<see cref="PeriodicEmbedding"/>).</summary>
    public Problem WithPeriodicEmbedding(int dim, int harmonics = 1)
    {
        if (dim < 0 || dim >= Domain.Dimension) throw new ArgumentOutOfRangeException(nameof(dim));
        return WithEmbedding(new PeriodicEmbedding(dim, Domain.Bounds.Width(dim), harmonics));
    }

    /// <summary>The hard constraint u = <paramref name="offset"/>(x) + <paramref name="factor"/>(x) ⊙ N(x) (<see cref="OutputTransform"/>).</summary>
    public Problem WithTransform(Func<Tensor, Tensor> offset, Func<Tensor, Tensor> factor) =>
        this with { Transform = new OutputTransform(offset ?? throw new ArgumentNullException(nameof(offset)), factor ?? throw new ArgumentNullException(nameof(factor))) };

    /// <summary>Measures errors on <paramref name="grid"/> (e.g. the literature's reference grid).</summary>
    public Problem WithErrorGrid(ErrorGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (grid.Dimension != Domain.Dimension)
            throw new ArgumentException($"the error grid is {grid.Dimension}-D but the domain is {Domain.Dimension}-D");
        return this with { ErrorGrid = grid };
    }

    /// <summary>Sets the exact solution.</summary>
    public Problem WithSolution(Func<Tensor, Tensor> exact) => this with { Solution = exact };

    /// <summary>Names the outputs (one name per output), for reports.</summary>
    public Problem WithOutputNames(params string[] names) =>
        names.Length == Outputs ? this with { OutputNames = names }
            : throw new ArgumentException($"give one name per output ({Outputs}), got {names.Length}");

    /// <summary>The name of output <paramref name="k"/>.</summary>
    public string OutputName(int k) => k < OutputNames.Count ? OutputNames[k] : Outputs == 1 ? "u" : $"u{k}";

    /// <summary>Sets the name.</summary>
    public Problem Named(string name) => this with { Name = name };

    /// <summary>Changes one term's weight.</summary>
    public Problem WithWeight(string term, double weight)
    {
        if (Terms.All(t => t.Name != term))
            throw new ArgumentException($"no term named '{term}'; terms: {string.Join(", ", Terms.Select(t => t.Name))}");
        return this with { Terms = Terms.Select(t => t.Name == term ? t with { Weight = weight } : t).ToArray() };
    }

    /// <summary>Draws the points of every interior term (the PDE residuals) by <paramref name="method"/>, keeping their counts.</summary>
    /// <remarks>A tensor grid lets a network fit the residual at the grid's nodes with a wrong solution
    /// between them (measured on convection and wave: rel. L2 ≈ 1 on a 64 × 64 grid, 3.7e-3 and 1.4e-2 on as
    /// many Halton points with the same network and optimizer).</remarks>
    public Problem WithInteriorSampling(SamplingMethod method) =>
        this with { Terms = Terms.Select(t => ReferenceEquals(t.Region, Domain.Interior) ? t with { Sample = new Sample(method, t.Sample.Count) } : t).ToArray() };

    /// <summary>Changes one term's sampling.</summary>
    public Problem WithSample(string term, Sample sample)
    {
        if (Terms.All(t => t.Name != term))
            throw new ArgumentException($"no term named '{term}'; terms: {string.Join(", ", Terms.Select(t => t.Name))}");
        return this with { Terms = Terms.Select(t => t.Name == term ? t with { Sample = sample } : t).ToArray() };
    }

    /// <summary>The exact solution at points as [N, Outputs], or null when unknown.</summary>
    public Tensor? ExactAt(Tensor points)
    {
        if (Solution is null) return null;
        var v = Solution(points);
        return v.dim() == 1 ? v.unsqueeze(1) : v;
    }

    private static Tensor Halves(Tensor v, long n) => v[..(int)n] - v[(int)n..];
}
