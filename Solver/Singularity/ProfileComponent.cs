using Pinn.Solver.Networks;

namespace Pinn.Solver.Singularity;

/// <summary>One function of a profile stage and its length a: it is a function of the compact coordinate of y/a (see <see cref="ProfileStage"/>).</summary>
public sealed record ProfileComponent(IComponentFunction Function, double Length)
{
    /// <summary>A component whose function is <paramref name="network"/>.</summary>
    public ProfileComponent(Mlp network, double length) : this(new NetworkFunction(network), length)
    {
    }
}
