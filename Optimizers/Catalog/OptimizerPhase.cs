using System.Globalization;

namespace Pinn.Optimizers;

/// <summary>One phase of a training run: run optimizer <paramref name="Name"/> for <paramref name="Steps"/>
/// steps with the given <c>key=value</c> options (only those written; defaults fill the rest).</summary>
/// <param name="Name">Lower-case optimizer name, e.g. <c>adam</c>.</param>
/// <param name="Steps">Number of steps, positive.</param>
/// <param name="Options">Options as written, keys lower case.</param>
public sealed record OptimizerPhase(string Name, int Steps, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The phase in spec syntax, e.g. <c>adam:500:lr=1e-3:beta1=0.95</c>.</summary>
    public override string ToString() =>
        string.Join(":", new[] { Name, Steps.ToString(CultureInfo.InvariantCulture) }
            .Concat(Options.Select(o => $"{o.Key}={o.Value}")));
}
