namespace Pinn.Optimizers;

/// <summary>
/// How the catalogue knows an optimizer: its name, a one-line description, the options it accepts, what it needs
/// of the objective, and a factory. Add an optimizer to <see cref="OptimizerCatalog.Default"/> by listing its descriptor there.
/// </summary>
/// <param name="Name">Lower-case name used in specs (e.g. <c>adam</c>).</param>
/// <param name="Description">One line: what the optimizer is, with its paper.</param>
/// <param name="Options">The accepted <c>key=value</c> options with defaults and meanings.</param>
/// <param name="Factory">Builds the optimizer from validated settings.</param>
/// <param name="DefaultSteps">Steps of a phase that gives none (e.g. <c>adam</c> alone).</param>
/// <param name="Needs">What the optimizer asks of its objective beyond the loss and gradient.</param>
public sealed record OptimizerDescriptor(
    string Name,
    string Description,
    IReadOnlyList<OptimizerOption> Options,
    Func<OptimizerSettings, IOptimizer> Factory,
    int DefaultSteps = 1000,
    ObjectiveNeeds Needs = ObjectiveNeeds.Gradient)
{
    /// <summary>The option with this key (case-insensitive), or null.</summary>
    public OptimizerOption? FindOption(string key) =>
        Options.FirstOrDefault(o => string.Equals(o.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The accepted keys, comma-separated (for messages).</summary>
    public string KeyList => Options.Count == 0 ? "(none)" : string.Join(", ", Options.Select(o => o.Key));
}
