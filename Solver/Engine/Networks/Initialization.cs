namespace Pinn.Solver.Networks;

/// <summary>Weight initialisation schemes (biases start at zero).</summary>
public enum Initialization
{
    /// <summary>Glorot (Xavier) normal: N(0, 2/(fan_in + fan_out)).</summary>
    GlorotNormal,
    /// <summary>Glorot (Xavier) uniform: U(±√(6/(fan_in + fan_out))).</summary>
    GlorotUniform,
    /// <summary>Plain normal N(0, σ²) with σ = <see cref="MlpOptions.InitScale"/> (0.1 in the ENGD reference).</summary>
    Normal,
}

/// <summary>Parsing of initialisation names.</summary>
public static class InitializationNames
{
    /// <summary>Parses glorot-normal, glorot-uniform or normal.</summary>
    public static Initialization Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "glorot-normal" or "xavier-normal" => Initialization.GlorotNormal,
        "glorot-uniform" or "xavier-uniform" => Initialization.GlorotUniform,
        "normal" => Initialization.Normal,
        _ => throw new FormatException($"unknown initialisation '{name}'; use glorot-normal, glorot-uniform or normal"),
    };
}
