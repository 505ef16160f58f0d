using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// An ordinary TorchSharp model and loss as an objective of the flat parameter vector θ (its trainable parameters
/// flattened and concatenated in <see cref="nn.Module.parameters"/> order), so that every optimizer of this library
/// that asks only for the loss and its gradient (Adam, SGD, L-BFGS, the dense quasi-Newton methods), treats weights as
/// matrices (Shampoo, SOAP, Muon: <see cref="IParameterShapes"/>) or needs Hessian-vector products (AdaHessian,
/// Sophia, NNCG, Hessian-free: <see cref="ITwiceDifferentiableObjective"/>) trains the module.
/// </summary>
/// <remarks>
/// <para>Each evaluation writes θ into the module's parameters and calls <c>loss</c>, which computes the 0-d loss
/// from the module as it is (e.g. <c>() =&gt; functional.mse_loss(model.call(x), y)</c>). The module therefore holds
/// the last point evaluated, which may be a line search's trial; <see cref="Train"/> (or <see cref="Load"/>) leaves it
/// at the optimizer's θ.</para>
/// <para>A weight of two or more dimensions is a matrix of its first dimension by the product of the others (a
/// convolution's kernel as [out, in·k·k], as Muon's and Shampoo's reference code treat it); every other parameter is
/// a vector.</para>
/// </remarks>
public class ModuleObjective : ITwiceDifferentiableObjective, IParameterShapes, IParameterBlocks
{
    private readonly Func<Tensor> _loss;

    /// <summary>The objective of <paramref name="module"/>'s trainable parameters under <paramref name="loss"/>.</summary>
    /// <exception cref="ArgumentException">The module has no trainable float64 parameters.</exception>
    public ModuleObjective(nn.Module module, Func<Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(loss);
        Module = module;
        _loss = loss;
        Parameters = [.. module.parameters().Where(p => p.requires_grad)];
        if (Parameters.Count == 0) throw new ArgumentException("the module has no trainable parameters.", nameof(module));
        if (Parameters.Any(p => p.dtype != ScalarType.Float64))
            throw new ArgumentException("the module's parameters must be float64; call module.to(torch.float64) first.", nameof(module));
        ParameterShapes = ShapesOf(Parameters);
        ParameterBlocks = [.. ParameterShapes.Select(s => (s.Offset, s.Length))];
        ParameterCount = ParameterShapes[^1].End;
    }

    /// <summary>The module being trained.</summary>
    public nn.Module Module { get; }

    /// <summary>Its trainable parameters, in the order they make up θ.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <inheritdoc />
    public long ParameterCount { get; }

    /// <inheritdoc />
    public IReadOnlyList<ParameterShape> ParameterShapes { get; }

    /// <inheritdoc />
    public IReadOnlyList<(long Offset, long Length)> ParameterBlocks { get; }

    /// <summary>θ now: a fresh [P] float64 copy of the module's parameters.</summary>
    public Tensor Theta()
    {
        using var mode = no_grad();
        return cat(Parameters.Select(p => p.detach().flatten()).ToArray());
    }

    /// <summary>Writes <paramref name="theta"/> into the module's parameters.</summary>
    public void Load(Tensor theta)
    {
        ThetaChecks.Validate(this, theta);
        using var mode = no_grad();
        foreach (var (p, shape) in Parameters.Zip(ParameterShapes))
            p.copy_(theta.narrow(0, shape.Offset, shape.Length).view_as(p));
    }

    /// <inheritdoc />
    public double Value(Tensor theta)
    {
        Load(theta);
        using var scope = NewDisposeScope();
        using var mode = no_grad();
        return _loss().item<double>();
    }

    /// <inheritdoc />
    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta)
    {
        Load(theta);
        using var scope = NewDisposeScope();
        using var mode = enable_grad();
        var loss = _loss();
        var pieces = autograd.grad([loss], [.. Parameters], allow_unused: true);
        var gradient = Flatten(pieces);
        return (loss.item<double>(), gradient.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public SecondOrderExpansion Expand(Tensor theta)
    {
        Load(theta);
        return SecondOrderExpansion.Autograd(Parameters, _loss);
    }

    /// <summary>
    /// Runs <paramref name="optimizer"/> for up to <paramref name="steps"/> steps from the module's parameters (one
    /// dispose scope per step; it stops early when the optimizer says it cannot continue) and leaves the module at the
    /// final θ. <paramref name="onStep"/> sees each step's index (from 1) and result.
    /// </summary>
    /// <returns>The result of each step taken.</returns>
    public IReadOnlyList<StepResult> Train(IOptimizer optimizer, int steps, Action<int, StepResult>? onStep = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var results = new List<StepResult>(steps);
        using var theta = Theta();
        for (var k = 1; k <= steps; k++)
        {
            StepResult result;
            using (var scope = NewDisposeScope()) result = optimizer.Step(this, theta);
            results.Add(result);
            onStep?.Invoke(k, result);
            if (result.Stop != StopReason.None) break;
        }
        Load(theta);
        return results;
    }

    /// <summary>Flat [P] concatenation of per-parameter pieces (zeros for a parameter the loss does not use).</summary>
    protected Tensor Flatten(IList<Tensor> pieces) =>
        cat(pieces.Select((g, i) => g is null || g.IsInvalid ? zeros_like(Parameters[i]).flatten() : g.detach().flatten()).ToArray());

    /// <summary>The loss closure's value now, with its graph (for subclasses that differentiate more than the loss).</summary>
    protected Tensor LossNow() => _loss();

    private static IReadOnlyList<ParameterShape> ShapesOf(IReadOnlyList<Tensor> parameters)
    {
        var shapes = new List<ParameterShape>(parameters.Count);
        long offset = 0;
        foreach (var p in parameters)
        {
            var shape = p.dim() >= 2 ? ParameterShape.Matrix(offset, p.shape[0], p.numel() / p.shape[0]) : ParameterShape.Vector(offset, p.numel());
            shapes.Add(shape);
            offset = shape.End;
        }
        return shapes;
    }
}
