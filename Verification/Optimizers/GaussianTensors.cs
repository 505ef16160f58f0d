using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Verification.Optimizers;

/// <summary>Seeded float64 test data from <see cref="Random"/> (independent of torch's global generator, so a case is
/// the same on every machine and in every order of tests).</summary>
public static class GaussianTensors
{
    /// <summary>Standard normal samples by the Box–Muller transform.</summary>
    public static double[] Gaussians(Random random, int count)
    {
        ArgumentNullException.ThrowIfNull(random);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var u = 1.0 - random.NextDouble();
            values[i] = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
        }
        return values;
    }

    /// <summary>A tensor of standard normal entries with the given shape.</summary>
    public static Tensor Gaussian(Random random, params long[] shape) =>
        torch.tensor(Gaussians(random, (int)shape.Aggregate(1L, (a, b) => a * b)), ScalarType.Float64).reshape(shape);

    /// <summary>A random orthogonal [n, n] matrix (Q of a Gaussian matrix's QR).</summary>
    public static Tensor Orthogonal(Random random, int n)
    {
        using var scope = torch.NewDisposeScope();
        var (q, _) = torch.linalg.qr(Gaussian(random, n, n));
        return q.MoveToOuterDisposeScope();
    }

    /// <summary>Q diag(λ) Qᵀ with the given eigenvalues and a random orthogonal Q, symmetrised.</summary>
    public static Tensor Symmetric(Random random, double[] eigenvalues)
    {
        using var scope = torch.NewDisposeScope();
        var q = Orthogonal(random, eigenvalues.Length);
        var matrix = q.mul(torch.tensor(eigenvalues, ScalarType.Float64)).matmul(q.t());
        return matrix.add(matrix.t()).mul_(0.5).MoveToOuterDisposeScope();
    }

    /// <summary>Eigenvalues log-spaced over [κ^(−1/2), κ^(1/2)]: condition number κ exactly.</summary>
    public static double[] LogSpaced(int n, double condition) =>
        Enumerable.Range(0, n).Select(i => Math.Pow(condition, (n == 1 ? 0.5 : (double)i / (n - 1)) - 0.5)).ToArray();
}
