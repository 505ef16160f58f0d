using System.Globalization;
using Pinn.Optimizers;

namespace Pinn.Solver.Training;

/// <summary>
/// One phase of a training run: an optimizer and how many steps it takes. The optimizer comes from an object the caller
/// built (<see cref="Of(IOptimizer, int)"/>), a factory (<see cref="Of(Func{IOptimizer}, int)"/>) or a catalogue entry
/// (<see cref="FromCatalog"/>, what spec strings such as <c>adam:1000,lbfgs:1000</c> become); the training loop sees only
/// this type, never the catalogue.
/// </summary>
/// <remarks>
/// A phase built from a factory or the catalogue owns the optimizers it makes: the run disposes them, and builds a fresh
/// one when a non-finite step calls for a reset. A phase built from an object leaves it to its caller (it is neither
/// disposed nor replaced; an <see cref="IStabilizable"/> optimizer is made cautious instead, any other is kept as is).
/// </remarks>
public sealed class TrainingPhase
{
    private readonly Func<IOptimizer> _create;
    private readonly Func<string, string?> _setting;

    private TrainingPhase(string name, int steps, string spec, Func<IOptimizer> create, bool ownsOptimizers, Func<string, string?> setting)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Name = name;
        Steps = steps;
        Spec = spec;
        _create = create;
        OwnsOptimizers = ownsOptimizers;
        _setting = setting;
    }

    /// <summary>The optimizer's name (<see cref="IOptimizer.Name"/>), used in progress lines and reports.</summary>
    public string Name { get; }

    /// <summary>Steps of the phase (an optimizer may stop it earlier).</summary>
    public int Steps { get; }

    /// <summary>The phase as written in a spec (<c>lbfgs:1000:history=20</c>); for an object or a factory, <c>NAME:STEPS</c>.</summary>
    public string Spec { get; }

    /// <summary>Whether the run creates, replaces and disposes this phase's optimizers (false for a caller's object).</summary>
    public bool OwnsOptimizers { get; }

    /// <summary>Trains with <paramref name="optimizer"/>, which the caller built and keeps owning (it is not disposed).</summary>
    public static TrainingPhase Of(IOptimizer optimizer, int steps)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return new(optimizer.Name, steps, Written(optimizer.Name, steps), () => optimizer, ownsOptimizers: false, _ => null);
    }

    /// <summary>Trains with optimizers from <paramref name="create"/>: one per run, and a fresh one after a non-finite step.</summary>
    public static TrainingPhase Of(Func<IOptimizer> create, int steps)
    {
        ArgumentNullException.ThrowIfNull(create);
        string name;
        using (var probe = create()) name = probe.Name;
        return new(name, steps, Written(name, steps), create, ownsOptimizers: true, _ => null);
    }

    /// <summary>A phase of a parsed spec, built by <paramref name="catalog"/> (validated here: unknown options throw).</summary>
    /// <exception cref="FormatException">The catalogue cannot build the phase's optimizer.</exception>
    public static TrainingPhase FromCatalog(OptimizerPhase phase, OptimizerCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Create(phase).Dispose();
        var descriptor = catalog.Get(phase.Name);
        return new(descriptor.Name, phase.Steps, phase.ToString(), () => catalog.Create(phase), ownsOptimizers: true,
            key => phase.Options.TryGetValue(key, out var written) ? written : descriptor.FindOption(key)?.DefaultValue);
    }

    /// <summary>The phases of <paramref name="spec"/> (e.g. <c>adam:1000,lbfgs:1000</c>) from <paramref name="catalog"/>
    /// (<see cref="OptimizerCatalog.Default"/> when null).</summary>
    public static IReadOnlyList<TrainingPhase> Parse(string spec, OptimizerCatalog? catalog = null)
    {
        var from = catalog ?? OptimizerCatalog.Default;
        return [.. from.Parse(spec).Select(p => FromCatalog(p, from))];
    }

    /// <summary>The phases written back in spec syntax.</summary>
    public static string Format(IEnumerable<TrainingPhase> phases) => string.Join(",", phases.Select(p => p.Spec));

    /// <summary>The optimizer for a new run of the phase (the caller's object, or a new one).</summary>
    public IOptimizer Create() => _create();

    /// <summary>An option's value as written or defaulted in the catalogue (e.g. <c>damping</c>), or null when unknown.</summary>
    public string? Setting(string key) => _setting(key);

    /// <inheritdoc/>
    public override string ToString() => Spec;

    private static string Written(string name, int steps) => string.Create(CultureInfo.InvariantCulture, $"{name}:{steps}");
}
