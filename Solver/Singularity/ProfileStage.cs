using Pinn.Solver.Networks;
using static TorchSharp.torch;

namespace Pinn.Solver.Singularity;

/// <summary>
/// One stage of a multi-stage profile: its scale ε and one or more components, each a network N of the compact
/// coordinate tₐ of y/a for its length a. Stage 1 is −y·t + y·t·(1 − t)·N(t) (one component, a = 1, ε = 1); a later stage
/// adds ε·Σ_c y·tₐ_c·(1 − tₐ_c)·N_c(tₐ_c) (see <see cref="ProfileAnsatz"/>). Its parameters are the components' θ concatenated.
/// </summary>
public sealed class ProfileStage
{
    /// <summary>A stage of one network of length <paramref name="length"/>.</summary>
    public ProfileStage(Mlp network, double scale, double length = 1) : this([new ProfileComponent(network, length)], scale)
    {
    }

    /// <summary>A stage of the given components.</summary>
    public ProfileStage(IReadOnlyList<ProfileComponent> components, double scale)
    {
        if (components.Count == 0) throw new ArgumentException("a stage needs at least one component", nameof(components));
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "the stage scale must be positive and finite");
        if (components.Any(c => !(c.Length > 0) || !double.IsFinite(c.Length)))
            throw new ArgumentOutOfRangeException(nameof(components), "component lengths must be positive and finite");
        Components = components;
        Scale = scale;
        ParameterCount = components.Sum(c => c.Function.ParameterCount);
    }

    /// <summary>The components.</summary>
    public IReadOnlyList<ProfileComponent> Components { get; }

    /// <summary>ε.</summary>
    public double Scale { get; }

    /// <summary>The components' lengths.</summary>
    public double[] Lengths => Components.Select(c => c.Length).ToArray();

    /// <summary>Parameters of all components.</summary>
    public long ParameterCount { get; }

    /// <summary>A copy of the components' parameters, concatenated.</summary>
    public Tensor Parameters() => cat(Components.Select(c => c.Function.Parameters).ToArray());

    /// <summary>Stores the concatenated <paramref name="theta"/> into the components' networks.</summary>
    public void Load(Tensor theta)
    {
        foreach (var (component, parameters) in Split(theta)) component.Function.Load(parameters);
    }

    /// <summary>Each component with its slice of the concatenated <paramref name="theta"/> (its own parameters when null).</summary>
    public IEnumerable<(ProfileComponent Component, Tensor Parameters)> Split(Tensor? theta)
    {
        if (theta is not null && (theta.dim() != 1 || theta.shape[0] != ParameterCount))
            throw new ArgumentException($"the stage has {ParameterCount} parameters", nameof(theta));
        long offset = 0;
        foreach (var component in Components)
        {
            var count = component.Function.ParameterCount;
            yield return (component, theta is null ? component.Function.Parameters : theta.narrow(0, offset, count));
            offset += count;
        }
    }
}
