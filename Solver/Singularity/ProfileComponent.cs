using Pinn.Solver.Networks;

namespace Pinn.Solver.Singularity;

/// <summary>One network of a profile stage and its length a: it is a function of the compact coordinate of y/a (see <see cref="ProfileStage"/>).</summary>
public sealed record ProfileComponent(Mlp Network, double Length);
