namespace Pinn.Optimizers;

/// <summary>What values a command-line optimizer option accepts.</summary>
public enum OptimizerOptionKind
{
    /// <summary>A finite number greater than zero (e.g. <c>1e-3</c>).</summary>
    PositiveNumber,
    /// <summary>A number in [0, 1) (e.g. a momentum or a moment decay rate).</summary>
    Fraction,
    /// <summary>An integer greater than zero.</summary>
    PositiveInteger,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>A finite number greater than or equal to zero (e.g. a damping that may be switched off).</summary>
    NonNegativeNumber,
    /// <summary>One word from <see cref="OptimizerOption.Choices"/> (case-insensitive).</summary>
    Choice,
}
