namespace Pinn.Solver.Networks;

/// <summary>Architecture and initialisation of a multilayer perceptron.</summary>
/// <param name="Inputs">Input dimension d.</param>
/// <param name="Hidden">Widths of the hidden layers (e.g. [64, 64]).</param>
/// <param name="Outputs">Output dimension.</param>
/// <param name="Activation">Hidden-layer activation.</param>
/// <param name="Initialization">Weight initialisation.</param>
/// <param name="Seed">Seed of the initialisation.</param>
/// <param name="InitScale">σ of <see cref="Initialization.Normal"/>.</param>
public sealed record MlpOptions(
    int Inputs,
    int[] Hidden,
    int Outputs = 1,
    Activation Activation = Activation.Tanh,
    Initialization Initialization = Initialization.GlorotNormal,
    long Seed = 0,
    double InitScale = 0.1)
{
    /// <summary>Widths of every layer, input and output included.</summary>
    public int[] Widths => [Inputs, .. Hidden, Outputs];

    /// <summary>Throws on sizes that cannot make a network.</summary>
    public MlpOptions Validate()
    {
        if (Inputs < 1) throw new ArgumentOutOfRangeException(nameof(Inputs), $"inputs must be ≥ 1 (got {Inputs})");
        if (Outputs < 1) throw new ArgumentOutOfRangeException(nameof(Outputs), $"outputs must be ≥ 1 (got {Outputs})");
        if (Hidden.Length == 0 || Hidden.Any(h => h < 1))
            throw new ArgumentOutOfRangeException(nameof(Hidden), $"hidden widths must be positive integers (got [{string.Join(",", Hidden)}])");
        if (!(InitScale > 0)) throw new ArgumentOutOfRangeException(nameof(InitScale), "the initial scale must be > 0");
        return this;
    }
}
