using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// A linear map A: ℝ^<see cref="Columns"/> → ℝ^<see cref="Rows"/> known through its products: A v, Aᵀ u,
/// and, for small sizes and tests, the dense matrix. Curvature matrices (J, Jᵀ, JᵀJ + λI, JJᵀ + λI) are
/// written as compositions of these (see <see cref="LinearOperator"/>) and handed to the solvers.
/// </summary>
/// <remarks>
/// Implementations return fresh float64 tensors (the caller owns them), never modify their argument,
/// and check shapes before any kernel runs (a shape mismatch inside <c>matmul</c> aborts the process).
/// An operator does not own the tensors it was built from: keep them alive while the operator is used.
/// </remarks>
public interface ILinearOperator
{
    /// <summary>Number of rows m (length of A v).</summary>
    long Rows { get; }

    /// <summary>Number of columns n (length of v).</summary>
    long Columns { get; }

    /// <summary>A v for v of shape [n], or A V for a block V of shape [n, k].</summary>
    Tensor Apply(Tensor v);

    /// <summary>Aᵀ u for u of shape [m], or Aᵀ U for a block U of shape [m, k].</summary>
    Tensor ApplyAdjoint(Tensor u);

    /// <summary>The dense matrix A, a fresh [m, n] float64 tensor.</summary>
    Tensor ToDense();
}
