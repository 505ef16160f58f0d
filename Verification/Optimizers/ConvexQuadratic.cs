using Pinn.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Verification.Optimizers;

/// <summary>
/// f(θ) = ½ θᵀAθ − bᵀθ with A symmetric positive definite, ∇f = Aθ − b, minimiser θ* = A⁻¹b.
/// A = Q diag(λ) Qᵀ with Q from the QR factorisation of a seeded Gaussian matrix and λ log-spaced over
/// [κ^(−1/2), κ^(1/2)] (condition number κ exactly); θ* is seeded Gaussian and b = Aθ*.
/// </summary>
public sealed class ConvexQuadratic : ITwiceDifferentiableObjective, IDisposable
{
    private readonly Tensor _matrix;
    private readonly Tensor _rhs;

    /// <summary>The quadratic of <paramref name="dimension"/> parameters, seed <paramref name="seed"/> and condition number <paramref name="condition"/>.</summary>
    public ConvexQuadratic(int dimension, int seed, double condition)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), $"need at least one parameter (got {dimension})");
        if (!(condition >= 1) || double.IsInfinity(condition)) throw new ArgumentOutOfRangeException(nameof(condition), $"the condition number must be finite and ≥ 1 (got {condition})");
        var random = new Random(seed);
        using var scope = torch.NewDisposeScope();
        var (q, _) = torch.linalg.qr(GaussianTensors.Gaussian(random, dimension, dimension));
        var eigenvalues = GaussianTensors.LogSpaced(dimension, condition);
        var matrix = q.matmul(torch.diag(torch.tensor(eigenvalues, ScalarType.Float64))).matmul(q.t());
        _matrix = matrix.add(matrix.t()).mul_(0.5).DetachFromDisposeScope();
        Solution = GaussianTensors.Gaussian(random, dimension).DetachFromDisposeScope();
        _rhs = _matrix.mv(Solution).DetachFromDisposeScope();
        SmallestEigenvalue = eigenvalues[0];
    }

    /// <summary>θ* = A⁻¹b.</summary>
    public Tensor Solution { get; }

    /// <summary>λ_min(A) = κ^(−1/2).</summary>
    public double SmallestEigenvalue { get; }

    /// <summary>A (owned by the objective).</summary>
    public Tensor Matrix => _matrix;

    /// <inheritdoc />
    public long ParameterCount => _rhs.shape[0];

    /// <summary>Calls of <see cref="Value"/> and <see cref="ValueAndGradient"/> so far.</summary>
    public int Evaluations { get; private set; }

    /// <inheritdoc />
    public double Value(Tensor theta)
    {
        Evaluations++;
        using var scope = torch.NewDisposeScope();
        return (0.5 * theta.dot(_matrix.mv(theta)) - _rhs.dot(theta)).item<double>();
    }

    /// <inheritdoc />
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

    /// <summary>∇f(θ) = Aθ − b, not counted as an evaluation.</summary>
    public Tensor Gradient(Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        return _matrix.mv(theta).sub(_rhs).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _matrix.Dispose();
        _rhs.Dispose();
        Solution.Dispose();
    }
}
