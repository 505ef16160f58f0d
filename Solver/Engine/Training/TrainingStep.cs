using Pinn.Solver.Engine;
using static TorchSharp.torch;

namespace Pinn.Solver.Training;

/// <summary>Where the training loop is when a hook (<see cref="ITrainingHook"/>) runs.</summary>
/// <param name="Objective">The objective the optimizer steps on (points, weights, causal weights).</param>
/// <param name="Theta">θ (read it; change it only to move the network, as the optimizers do).</param>
/// <param name="Step">Global steps taken (before the step in <see cref="ITrainingHook.BeforeStep"/>, including it after).</param>
/// <param name="Phase">Index of the optimizer phase.</param>
/// <param name="DoneInPhase">Steps of the phase taken (counted like <paramref name="Step"/>).</param>
/// <param name="Progress">Where messages go.</param>
public sealed record TrainingStep(PinnObjective Objective, Tensor Theta, long Step, int Phase, int DoneInPhase, IProgressSink Progress);
