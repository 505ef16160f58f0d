using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Limited-memory BFGS with a strong Wolfe line search, on the flat parameter vector. One
/// <see cref="QuasiNewtonOptimizer.Step"/> is one iteration: the quasi-Newton direction, then a line search.
/// </summary>
/// <remarks>
/// J. Nocedal and S. J. Wright, <i>Numerical Optimization</i>, 2nd ed., Springer 2006: Algorithm 7.5 (L-BFGS)
/// with H₀ = γI, γ = sᵀy / yᵀy (eq. 7.20); the product H g by the compact representation of Byrd, Nocedal and
/// Schnabel (1994), which equals Algorithm 7.4's two-loop recursion in exact arithmetic (see LbfgsHistory); step lengths from
/// <see cref="StrongWolfeLineSearch"/> (Algorithms 3.5/3.6), tried first at α = 1, or at
/// min(1, 1/‖g‖₁) along −g when the history is empty. A pair with sᵀy ≤ ε‖y‖² (ε = 2⁻⁵²) is skipped.
/// <para>
/// Between calls it keeps θ, f and g of the current point, so an iteration costs only its line-search
/// evaluations. On every call it compares θ against its stored copy, the objective against the previous
/// one and <see cref="IObjective.Revision"/> against the stored revision; if any changed it starts afresh
/// (history cleared, f and g recomputed), except that with <see cref="LbfgsOptions.KeepHistory"/> a new revision
/// at the same θ keeps the history. <see cref="QuasiNewtonOptimizer.Reset"/> forces a fresh start.
/// </para>
/// <para>
/// Stops: <see cref="StopReason.GradientTolerance"/> when ‖g‖∞ ≤ <see cref="LbfgsOptions.GradientTolerance"/>
/// (max-norm); <see cref="StopReason.FunctionTolerance"/> after <see cref="LbfgsOptions.StallIterations"/>
/// stalled iterations or when losses along −g are below float64 resolution;
/// <see cref="StopReason.StepTolerance"/> when the step no longer changes θ in float64;
/// <see cref="StopReason.LineSearchFailed"/> when no acceptable step exists along −g. A failed line search
/// along a quasi-Newton direction first clears the history, and the next call retries along −g. After a
/// stop, further calls return the same result without changing θ.
/// </para>
/// </remarks>
public sealed class Lbfgs : QuasiNewtonOptimizer
{
    private readonly LbfgsHistory _history;

    /// <summary>Creates the optimizer with the given (or default) options.</summary>
    public Lbfgs(LbfgsOptions? options = null)
        : this(Parts(options ?? new LbfgsOptions()))
    {
    }

    private Lbfgs((LbfgsOptions Options, LbfgsHistory History) parts)
        : base(parts.History, "history",
               new QuasiNewtonStopRule(parts.Options.GradientTolerance, parts.Options.FunctionTolerance, parts.Options.StallIterations),
               parts.Options.MaxEvaluationsPerStep, parts.Options.KeepHistory)
    {
        Options = parts.Options;
        _history = parts.History;
    }

    /// <inheritdoc />
    public override string Name => "lbfgs";

    /// <summary>The parameters.</summary>
    public LbfgsOptions Options { get; }

    /// <summary>Curvature pairs currently stored.</summary>
    public int HistoryCount => _history.Count;

    private static (LbfgsOptions, LbfgsHistory) Parts(LbfgsOptions options)
    {
        options.Validate();
        return (options, new LbfgsHistory(options.History));
    }
}
