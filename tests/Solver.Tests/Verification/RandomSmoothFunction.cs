using static TorchSharp.torch;

namespace Pinn.Solver.Tests.Verification;

/// <summary>
/// A random smooth function u(x) = Σₘ cₘ Πₖ gₘₖ(xₖ) of d inputs, each factor a sine sin(a t + b) or a cubic polynomial,
/// with every derivative up to second order in closed form (product rule on the factors), as torch expressions of x.
/// </summary>
internal sealed class RandomSmoothFunction
{
    private readonly double[] _coefficients;
    private readonly Factor[,] _factors;

    public RandomSmoothFunction(int dimension, int seed, int terms = 3)
    {
        var random = new Random(seed);
        Dimension = dimension;
        _coefficients = Enumerable.Range(0, terms).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        _factors = new Factor[terms, dimension];
        for (var m = 0; m < terms; m++)
        {
            for (var k = 0; k < dimension; k++)
            {
                _factors[m, k] = random.Next(2) == 0
                    ? new Sine(random.NextDouble() * 6 - 3, random.NextDouble() * 3)
                    : new Polynomial(Enumerable.Range(0, 4).Select(_ => random.NextDouble() * 2 - 1).ToArray());
            }
        }
    }

    public int Dimension { get; }

    /// <summary>u at points [N, d] → [N].</summary>
    public Tensor Value(Tensor x) => Derivative(x, new int[Dimension]);

    /// <summary>∂u/∂x_k.</summary>
    public Tensor D(Tensor x, int k) => Derivative(x, Orders(k));

    /// <summary>∂²u/∂x_k².</summary>
    public Tensor D2(Tensor x, int k) => Derivative(x, Orders(k, k));

    /// <summary>∂²u/∂xᵢ∂xⱼ.</summary>
    public Tensor Mixed(Tensor x, int i, int j) => Derivative(x, Orders(i, j));

    /// <summary>Σ over <paramref name="dims"/> of ∂²u/∂x_k².</summary>
    public Tensor Laplacian(Tensor x, IEnumerable<int> dims) =>
        dims.Select(k => D2(x, k)).Aggregate((a, b) => a + b);

    private int[] Orders(params int[] dims)
    {
        var orders = new int[Dimension];
        foreach (var k in dims)
        {
            orders[k]++;
        }
        return orders;
    }

    /// <summary>∂^orders u: Σₘ cₘ Πₖ gₘₖ^(orders[k])(xₖ).</summary>
    private Tensor Derivative(Tensor x, int[] orders)
    {
        Tensor? sum = null;
        for (var m = 0; m < _coefficients.Length; m++)
        {
            Tensor product = _coefficients[m] * ones(x.shape[0], dtype: ScalarType.Float64);
            for (var k = 0; k < Dimension; k++)
            {
                product = product * _factors[m, k].Evaluate(x[.., k], orders[k]);
            }
            sum = sum is null ? product : sum + product;
        }
        return sum!;
    }

    private abstract record Factor
    {
        public abstract Tensor Evaluate(Tensor t, int order);
    }

    /// <summary>sin(a t + b) and its derivatives.</summary>
    private sealed record Sine(double Frequency, double Phase) : Factor
    {
        public override Tensor Evaluate(Tensor t, int order)
        {
            var argument = Frequency * t + Phase;
            return order switch
            {
                0 => argument.sin(),
                1 => Frequency * argument.cos(),
                2 => -Frequency * Frequency * argument.sin(),
                _ => throw new ArgumentOutOfRangeException(nameof(order)),
            };
        }
    }

    /// <summary>c₀ + c₁t + c₂t² + c₃t³ and its derivatives.</summary>
    private sealed record Polynomial(double[] Coefficients) : Factor
    {
        public override Tensor Evaluate(Tensor t, int order)
        {
            var c = Coefficients;
            return order switch
            {
                0 => c[0] + t * (c[1] + t * (c[2] + t * c[3])),
                1 => c[1] + t * (2 * c[2] + t * (3 * c[3])),
                2 => 2 * c[2] + t * (6 * c[3]),
                _ => throw new ArgumentOutOfRangeException(nameof(order)),
            };
        }
    }
}
