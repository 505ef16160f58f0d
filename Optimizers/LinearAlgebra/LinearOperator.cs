using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Building blocks for curvature operators: wrap a dense matrix, take adjoints, compose, add, scale and
/// shift by a multiple of the identity. The Gauss–Newton matrix of a Jacobian J is
/// <c>J.Gramian()</c> = JᵀJ, its damped form <c>J.Gramian().AddIdentity(λ)</c>, and the kernel form of
/// the Woodbury identity <c>J.Kernel().AddIdentity(λ)</c> = JJᵀ + λI.
/// </summary>
/// <remarks>
/// The operators are lazy: nothing is multiplied until <see cref="ILinearOperator.Apply"/> or
/// <see cref="ILinearOperator.ToDense"/> is called, and they hold references, not copies.
/// </remarks>
public static class LinearOperator
{
    /// <summary>The operator of an explicit [m, n] float64 matrix (not copied, not owned).</summary>
    public static DenseOperator Dense(Tensor matrix) => new(matrix);

    /// <summary>Aᵀ (the adjoint of an adjoint is the original operator).</summary>
    public static ILinearOperator Adjoint(this ILinearOperator operand) =>
        operand is AdjointOperator adjoint ? adjoint.Inner : new AdjointOperator(operand);

    /// <summary>A B: <paramref name="right"/> is applied first.</summary>
    public static ILinearOperator Compose(this ILinearOperator left, ILinearOperator right) => new ComposedOperator(left, right);

    /// <summary>A + B.</summary>
    public static ILinearOperator Plus(this ILinearOperator first, ILinearOperator second) => new SumOperator(first, second);

    /// <summary>c A.</summary>
    public static ILinearOperator Scale(this ILinearOperator operand, double factor) => new ScaledOperator(operand, factor);

    /// <summary>A + λI (A square); <paramref name="damping"/> is λ.</summary>
    public static ILinearOperator AddIdentity(this ILinearOperator operand, double damping) => new ShiftedOperator(operand, damping);

    /// <summary>AᵀA, the Gramian (Gauss–Newton matrix when A is a Jacobian), [n, n].</summary>
    public static ILinearOperator Gramian(this ILinearOperator operand) => operand.Adjoint().Compose(operand);

    /// <summary>AAᵀ, the kernel matrix of the Woodbury form, [m, m].</summary>
    public static ILinearOperator Kernel(this ILinearOperator operand) => operand.Compose(operand.Adjoint());

    /// <summary>
    /// Checks an operand of <see cref="ILinearOperator.Apply"/> or <see cref="ILinearOperator.ApplyAdjoint"/>:
    /// a float64 vector [<paramref name="length"/>] or block [<paramref name="length"/>, k] on the device of
    /// <paramref name="reference"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong rank, length, dtype or device.</exception>
    public static void CheckOperand(Tensor operand, long length, Tensor reference, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(operand, parameterName);
        if (operand.dim() is not (1 or 2) || operand.shape[0] != length || operand.dtype != ScalarType.Float64)
        {
            throw new ArgumentException(
                $"{parameterName} must be a float64 tensor of shape [{length}] or [{length}, k]; got {operand.dtype} of shape {ThetaChecks.Shape(operand)}.",
                parameterName);
        }
        if (operand.device_type != reference.device_type || operand.device_index != reference.device_index)
        {
            throw new ArgumentException(
                $"{parameterName} is on {operand.device} but the operator's matrix is on {reference.device}; move both to the same device.",
                parameterName);
        }
    }
}
