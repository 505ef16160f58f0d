using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>
/// f(θ) = ½ θᵀAθ − bᵀθ with A symmetric positive definite, ∇f = Aθ − b, minimiser θ* = A⁻¹b.
/// A = Q diag(λ) Qᵀ with Q from the QR factorisation of a seeded Gaussian matrix and λ log-spaced over
/// [κ^(−1/2), κ^(1/2)] (condition number κ exactly); θ* is seeded Gaussian and b = Aθ*.
/// </summary>
internal sealed class QuadraticObjective : ITwiceDifferentiableObjective, IDisposable
{
    private readonly Tensor _matrix;
    private readonly Tensor _rhs;

    public QuadraticObjective(int dimension, int seed, double condition)
    {
        var random = new Random(seed);
        using var scope = torch.NewDisposeScope();
        var gaussian = torch.tensor(RandomTensors.Gaussians(random, dimension * dimension), ScalarType.Float64).reshape(dimension, dimension);
        var (q, _) = torch.linalg.qr(gaussian);
        var eigenvalues = new double[dimension];
        for (var i = 0; i < dimension; i++)
        {
            var fraction = dimension == 1 ? 0.5 : (double)i / (dimension - 1);
            eigenvalues[i] = Math.Pow(condition, fraction - 0.5);
        }
        var matrix = q.matmul(torch.diag(torch.tensor(eigenvalues, ScalarType.Float64))).matmul(q.t());
        _matrix = matrix.add(matrix.t()).mul_(0.5).DetachFromDisposeScope();
        Solution = torch.tensor(RandomTensors.Gaussians(random, dimension), ScalarType.Float64).DetachFromDisposeScope();
        _rhs = _matrix.mv(Solution).DetachFromDisposeScope();
        SmallestEigenvalue = eigenvalues[0];
    }

    /// <summary>θ* = A⁻¹b.</summary>
    public Tensor Solution { get; }

    public double SmallestEigenvalue { get; }

    public long ParameterCount => _rhs.shape[0];

    public int Evaluations { get; private set; }

    public double Value(Tensor theta)
    {
        Evaluations++;
        using var scope = torch.NewDisposeScope();
        return (0.5 * theta.dot(_matrix.mv(theta)) - _rhs.dot(theta)).item<double>();
    }

    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta)
    {
        Evaluations++;
        using var scope = torch.NewDisposeScope();
        var product = _matrix.mv(theta);
        var loss = (0.5 * theta.dot(product) - _rhs.dot(theta)).item<double>();
        return (loss, product.sub(_rhs).MoveToOuterDisposeScope());
    }

    /// <summary>The exact model: H = A as a dense operator (the matrix is shared, not copied).</summary>
    public SecondOrderExpansion Expand(Tensor theta)
    {
        var (loss, gradient) = ValueAndGradient(theta);
        return new SecondOrderExpansion(loss, gradient.DetachFromDisposeScope(), LinearOperator.Dense(_matrix));
    }

    public Tensor Matrix => _matrix;

    public Tensor Gradient(Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        return _matrix.mv(theta).sub(_rhs).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _matrix.Dispose();
        _rhs.Dispose();
        Solution.Dispose();
    }
}
