using static TorchSharp.torch;

namespace Pinn.Solver.Networks;

/// <summary>Elementwise activations with their first two derivatives (for the Taylor-mode pass).</summary>
public enum Activation
{
    /// <summary>tanh.</summary>
    Tanh,
    /// <summary>sin.</summary>
    Sin,
    /// <summary>softplus log(1 + eᶻ).</summary>
    Softplus,
    /// <summary>GELU z Φ(z) (exact, with the normal CDF).</summary>
    Gelu,
}

/// <summary>Evaluation of an <see cref="Activation"/> and its derivatives.</summary>
public static class ActivationFunctions
{
    /// <summary>σ(z).</summary>
    public static Tensor Apply(this Activation a, Tensor z) => a switch
    {
        Activation.Tanh => z.tanh(),
        Activation.Sin => z.sin(),
        Activation.Softplus => nn.functional.softplus(z),
        Activation.Gelu => nn.functional.gelu(z),
        _ => throw new ArgumentOutOfRangeException(nameof(a)),
    };

    /// <summary>(σ(z), σ'(z), σ''(z)); σ'' is null when <paramref name="second"/> is false.</summary>
    public static (Tensor Value, Tensor First, Tensor? Second) WithDerivatives(this Activation a, Tensor z, bool second)
    {
        switch (a)
        {
            case Activation.Tanh:
            {
                var t = z.tanh();
                var d1 = 1 - t * t;
                return (t, d1, second ? -2 * t * d1 : null);
            }
            case Activation.Sin:
                return (z.sin(), z.cos(), second ? -z.sin() : null);
            case Activation.Softplus:
            {
                var s = z.sigmoid();
                return (nn.functional.softplus(z), s, second ? s * (1 - s) : null);
            }
            case Activation.Gelu:
            {
                var pdf = (-0.5 * z * z).exp() * (1.0 / Math.Sqrt(2 * Math.PI));
                var cdf = 0.5 * (1 + (z * (1.0 / Math.Sqrt(2))).erf());
                return (z * cdf, cdf + z * pdf, second ? pdf * (2 - z * z) : null);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(a));
        }
    }

    /// <summary>Parses a name (tanh, sin, softplus, gelu).</summary>
    public static Activation Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "tanh" => Activation.Tanh,
        "sin" => Activation.Sin,
        "softplus" => Activation.Softplus,
        "gelu" => Activation.Gelu,
        _ => throw new FormatException($"unknown activation '{name}'; use tanh, sin, softplus or gelu"),
    };
}
