using System.Globalization;
using static TorchSharp.torch;

namespace Pinn.Verification.Solver;

/// <summary>
/// A smooth function u(x) = Σₘ cₘ Πₖ gₘₖ(xₖ) of the coordinates of a domain (space, then time when
/// <see cref="HasTime"/>), each factor gₘₖ a polynomial, a sine or an exponential (<see cref="SmoothFactor"/>), with
/// every derivative up to second order in closed form (the product rule on the factors). It serves as an exact
/// solution u* to manufacture forcing and data from: pass <see cref="Value"/> where a problem wants a function of the
/// points, and build the forcing from <see cref="D"/>, <see cref="D2"/>, <see cref="Mixed"/>, <see cref="Laplacian"/>.
/// </summary>
/// <param name="SpaceDimension">Number of spatial coordinates.</param>
/// <param name="HasTime">Whether a time coordinate follows the spatial ones (as in <c>Domain.SpaceTime</c>).</param>
/// <param name="Terms">The products: a coefficient and one factor per coordinate.</param>
public sealed record SmoothFunction(int SpaceDimension, bool HasTime, IReadOnlyList<SmoothProduct> Terms)
{
    /// <summary>Number of inputs (space, plus one for time).</summary>
    public int Dimension => SpaceDimension + (HasTime ? 1 : 0);

    /// <summary>Index of the time coordinate (the last), or null.</summary>
    public int? TimeIndex => HasTime ? SpaceDimension : null;

    /// <summary>Names of the coordinates as the domain names them: x, y, z (x1, x2, … beyond three), then t.</summary>
    public IReadOnlyList<string> CoordinateNames =>
        Enumerable.Range(0, SpaceDimension).Select(k => SpaceDimension <= 3 ? "xyz"[k].ToString() : $"x{k + 1}")
            .Concat(HasTime ? ["t"] : []).ToArray();

    /// <summary>u at points [N, d] → [N].</summary>
    public Tensor Value(Tensor x) => Derivative(x, new int[Dimension]);

    /// <summary>∂u/∂x_k.</summary>
    public Tensor D(Tensor x, int k) => Derivative(x, Orders(k));

    /// <summary>∂u/∂t.</summary>
    public Tensor Dt(Tensor x) => D(x, TimeIndex ?? throw new InvalidOperationException("this function has no time coordinate"));

    /// <summary>∂²u/∂x_k².</summary>
    public Tensor D2(Tensor x, int k) => Derivative(x, Orders(k, k));

    /// <summary>∂²u/∂xᵢ∂xⱼ.</summary>
    public Tensor Mixed(Tensor x, int i, int j) => Derivative(x, Orders(i, j));

    /// <summary>The Laplacian over the spatial coordinates (time excluded).</summary>
    public Tensor Laplacian(Tensor x) => Second(x, Enumerable.Range(0, SpaceDimension).Select(_ => 1.0).ToArray());

    /// <summary>Σₖ cₖ ∂²u/∂xₖ² (one coefficient per spatial coordinate, or per input).</summary>
    public Tensor Second(Tensor x, IReadOnlyList<double> coefficients)
    {
        if (coefficients.Count != SpaceDimension && coefficients.Count != Dimension)
            throw new ArgumentException($"need one coefficient per spatial coordinate ({SpaceDimension}) or per input ({Dimension}), got {coefficients.Count}");
        var sum = zeros(x.shape[0], dtype: ScalarType.Float64);
        for (var k = 0; k < coefficients.Count; k++)
        {
            if (coefficients[k] != 0) sum = sum + coefficients[k] * D2(x, k);
        }
        return sum;
    }

    /// <summary>The formula, e.g. <c>u(x, y) = 0.5·sin(2x)·y^2</c>.</summary>
    public override string ToString()
    {
        var names = CoordinateNames;
        var terms = Terms.Select(t => t.Format(names)).ToList();
        var body = terms.Count == 0 ? "0" : string.Join(" + ", terms).Replace("+ -", "- ");
        return $"u({string.Join(", ", names)}) = {body}";
    }

    private int[] Orders(params int[] dims)
    {
        var orders = new int[Dimension];
        foreach (var k in dims)
        {
            if (k < 0 || k >= Dimension) throw new ArgumentOutOfRangeException(nameof(dims), $"input {k} does not exist (there are {Dimension})");
            orders[k]++;
        }
        return orders;
    }

    /// <summary>∂^orders u = Σₘ cₘ Πₖ gₘₖ^(orders[k])(xₖ).</summary>
    private Tensor Derivative(Tensor x, int[] orders)
    {
        if (x.dim() != 2 || x.shape[1] != Dimension)
            throw new ArgumentException($"points must be [N, {Dimension}] (got [{string.Join(", ", x.shape)}])");
        var sum = zeros(x.shape[0], dtype: ScalarType.Float64);
        foreach (var term in Terms)
        {
            Tensor product = full(x.shape[0], term.Coefficient, dtype: ScalarType.Float64);
            for (var k = 0; k < Dimension; k++)
            {
                if (!(term.Factors[k].IsOne && orders[k] == 0)) product = product * term.Factors[k].Evaluate(x[.., k], orders[k]);
            }
            sum = sum + product;
        }
        return sum;
    }
}

/// <summary>One product c · Πₖ gₖ(xₖ) of a <see cref="SmoothFunction"/>.</summary>
public sealed record SmoothProduct(double Coefficient, IReadOnlyList<SmoothFactor> Factors)
{
    /// <summary>The product as a formula over the coordinate <paramref name="names"/>.</summary>
    public string Format(IReadOnlyList<string> names)
    {
        var factors = Factors.Select((f, k) => (f, k)).Where(p => !p.f.IsOne).Select(p => p.f.Format(names[p.k])).ToList();
        var c = Coefficient.ToString("0.####", CultureInfo.InvariantCulture);
        if (factors.Count == 0) return c;
        return (Coefficient == 1 ? "" : Coefficient == -1 ? "-" : c + "·") + string.Join("·", factors);
    }
}
