using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The state of an optimizer that treats each parameter tensor of θ by its shape (<see cref="Soap"/>,
/// <see cref="Shampoo"/>, <see cref="Muon"/>): the layout, flat Adam moments over θ, optionally a flat
/// momentum buffer, and Kronecker factors for the matrices that have them. It owns its tensors.
/// </summary>
internal sealed class LayerwiseState : IDisposable
{
    private LayerwiseState(ParameterLayout layout, MomentEstimates moments, Tensor? momentum, KroneckerStatistics?[] factors)
    {
        Layout = layout;
        Moments = moments;
        Momentum = momentum;
        Factors = factors;
    }

    /// <summary>The parameter shapes.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>Adam's moments over the whole of θ (an optimizer may keep some blocks in a rotated basis).</summary>
    public MomentEstimates Moments { get; }

    /// <summary>A momentum buffer over θ, when the optimizer asked for one.</summary>
    public Tensor? Momentum { get; }

    /// <summary>Per shape: its Kronecker factors, or null.</summary>
    public IReadOnlyList<KroneckerStatistics?> Factors { get; }

    /// <summary>Fresh zero state for θ and the objective's layout; factors for the matrices <paramref name="factored"/> selects.</summary>
    public static LayerwiseState Create(IObjective objective, Tensor theta, Func<ParameterShape, bool> factored, long maxDimension, bool momentum)
    {
        var layout = ParameterLayout.Of(objective, theta.shape[0]);
        var factors = layout.Shapes.Select(s => !s.IsVector && factored(s) ? KroneckerStatistics.Zeros(s, maxDimension, theta) : null).ToArray();
        return new(layout, MomentEstimates.Zeros(theta), momentum ? torch.zeros_like(theta).DetachFromDisposeScope() : null, factors);
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the state fits θ and the objective's shapes.</summary>
    public void Check(IObjective objective, Tensor theta)
    {
        Moments.Check(theta);
        Layout.CheckMatches(objective, theta.shape[0]);
    }

    /// <summary>Saves everything under fixed keys (<c>shapes</c>, <c>first_moment</c>, <c>block3.left</c>, …).</summary>
    public void Save(OptimizerState state)
    {
        Layout.Save(state);
        Moments.Save(state);
        if (Momentum is not null) state.Set("momentum_buffer", Momentum);
        state.Set("factored", new StateArray([Factors.Count], Factors.Select(f => f is null ? 0.0 : 1.0).ToArray()));
        for (var i = 0; i < Factors.Count; i++) Factors[i]?.Save(state, $"block{i}");
    }

    /// <summary>The state saved by <see cref="Save"/>, or null when none was saved (before the first step).</summary>
    public static LayerwiseState? Load(OptimizerState state, long maxDimension)
    {
        var layout = ParameterLayout.Load(state);
        if (layout is null) return null;
        var factored = state.Entries.TryGetValue("factored", out var f) && f.Values.Length == layout.Shapes.Count
            ? f.Values
            : throw new InvalidDataException($"{state.Optimizer} state entry 'factored' is missing or does not match the shapes.");
        var moments = MomentEstimates.Load(state) ?? throw new InvalidDataException($"{state.Optimizer} state has shapes but no moments.");
        var factors = layout.Shapes.Select((s, i) => factored[i] != 0 ? KroneckerStatistics.Load(state, $"block{i}", s, maxDimension) : null).ToArray();
        return new(layout, moments, state.TensorOrNull("momentum_buffer")?.DetachFromDisposeScope(), factors);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Moments.Dispose();
        Momentum?.Dispose();
        foreach (var f in Factors) f?.Dispose();
    }
}
