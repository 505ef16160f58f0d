using Pinn.Solver.Networks;

namespace Pinn.Solver.Singularity;

/// <summary>One stage of a multi-stage profile: a network N of t and its scale ε (U gains ε·y·t·(1 − t)·N(t); see <see cref="ProfileAnsatz"/>).</summary>
public sealed record ProfileStage(Mlp Network, double Scale);
