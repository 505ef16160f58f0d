using System.Globalization;

namespace Pinn.Optimizers;

/// <summary>
/// The catalogue entries of the built-in optimizers: name, description, options with defaults, what the objective must
/// offer, and how the settings build the optimizer. One file per optimizer (<c>OptimizerDescriptors.NAME.cs</c>); the
/// optimizer types know nothing of names and option strings. <see cref="OptimizerCatalog.Default"/> lists them.
/// </summary>
public static partial class OptimizerDescriptors
{
    /// <summary>The command-line options shared by the family: damping and grid.</summary>
    private static OptimizerOption[] GramianOptionList(GramianOptions defaults) =>
    [
        OptimizerOption.Number("damping", OptimizerOptionKind.NonNegativeNumber, defaults.Damping, "λ ≥ 0 added to the Gramian (absolute); raised ×10 after a failed step"),
        new OptimizerOption("grid", OptimizerOptionKind.PositiveInteger, defaults.GridExponents.ToString(CultureInfo.InvariantCulture), "K of the line-search grid η = 2^-k, k = 0..K"),
    ];
}
