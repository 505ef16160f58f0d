using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Argument checks at the optimizers' public entry points: θ, gradients and saved state against each other. A shape or
/// dtype mismatch inside a TorchSharp kernel aborts the process, so every entry point validates here first.
/// </summary>
internal static class ThetaChecks
{
    /// <summary>Checks that θ is a non-empty 1-D float64 tensor of length <c>objective.ParameterCount</c>.</summary>
    public static void Validate(IObjective objective, Tensor theta)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(theta);
        Validate(theta, nameof(theta));
        if (theta.shape[0] != objective.ParameterCount)
        {
            throw new ArgumentException(
                $"θ has {theta.shape[0]} entries but the objective has {objective.ParameterCount} parameters; " +
                "pass the flat parameter vector of this objective.", nameof(theta));
        }
    }

    /// <summary>Checks that <paramref name="vector"/> is a non-empty 1-D float64 tensor.</summary>
    public static void Validate(Tensor vector, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(vector, parameterName);
        if (vector.dim() != 1 || vector.shape[0] < 1)
        {
            throw new ArgumentException(
                $"{parameterName} must be a non-empty 1-D tensor of shape [P]; got shape {Shape(vector)}. " +
                "Flatten the parameters into one vector first.", parameterName);
        }
        if (vector.dtype != ScalarType.Float64)
        {
            throw new ArgumentException(
                $"{parameterName} must be float64; got {vector.dtype}. Convert with .to_type(ScalarType.Float64).",
                parameterName);
        }
    }

    /// <summary>Checks that <paramref name="other"/> has the shape, dtype and device of <paramref name="theta"/>.</summary>
    public static void ValidateLike(Tensor theta, Tensor other, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(other, parameterName);
        if (other.dim() != 1 || other.shape[0] != theta.shape[0] || other.dtype != ScalarType.Float64)
        {
            throw new ArgumentException(
                $"{parameterName} must be a float64 tensor of shape [{theta.shape[0]}] like θ; got {other.dtype} of shape {Shape(other)}.",
                parameterName);
        }
        if (other.device_type != theta.device_type || other.device_index != theta.device_index)
        {
            throw new ArgumentException(
                $"{parameterName} is on {other.device} but θ is on {theta.device}; move both to the same device.",
                parameterName);
        }
    }

    /// <summary>Checks that θ matches the length and device of an optimizer's saved state.</summary>
    public static void ValidateState(Tensor state, Tensor theta)
    {
        if (state.shape[0] != theta.shape[0])
        {
            throw new ArgumentException(
                $"θ has {theta.shape[0]} entries but this optimizer's state was built for {state.shape[0]}; " +
                "call Reset() or create a new optimizer for a different parameter vector.", nameof(theta));
        }
        if (state.device_type != theta.device_type || state.device_index != theta.device_index)
        {
            throw new ArgumentException(
                $"θ is on {theta.device} but this optimizer's state is on {state.device}; call Reset() after moving θ.",
                nameof(theta));
        }
    }

    /// <summary>Calls <see cref="IObjective.ValueAndGradient"/> and checks the gradient it returns.</summary>
    public static (double Loss, Tensor Gradient) ValueAndGradient(IObjective objective, Tensor theta)
    {
        var (loss, gradient) = objective.ValueAndGradient(theta);
        if (gradient is null)
        {
            throw new ArgumentException("the objective returned a null gradient.", nameof(objective));
        }
        ValidateLike(theta, gradient, "the objective's gradient");
        return (loss, gradient);
    }

    /// <summary>Formats a shape like <c>[3, 4]</c>.</summary>
    public static string Shape(Tensor tensor) => "[" + string.Join(", ", tensor.shape) + "]";
}
