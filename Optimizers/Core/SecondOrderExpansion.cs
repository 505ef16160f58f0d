using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The second-order Taylor model of a loss at one point θ: the loss L(θ), the gradient g = ∇L(θ) and a
/// curvature operator H (the Hessian ∇²L(θ), or its Gauss–Newton approximation), with everything H needs
/// kept alive until <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// <see cref="Autograd(Tensor, Func{Tensor, Tensor})"/> applies the exact Hessian by double backward through one retained graph
/// (B. A. Pearlmutter, "Fast exact multiplication by the Hessian", Neural Computation 6 (1994) 147–160:
/// H v = ∇θ(∇θL(θ)·v)): the forward pass and the first backward pass (with <c>create_graph</c>) run once,
/// each product is one further backward pass. <see cref="GaussNewton"/> applies G = 2JᵀJ, the Gauss–Newton
/// matrix of L = ‖r‖² (∇²L = 2JᵀJ + 2Σᵢ rᵢ∇²rᵢ; N. N. Schraudolph, "Fast curvature matrix-vector products
/// for second-order gradient descent", Neural Computation 14 (2002)), from the dense Jacobian.
/// </remarks>
public sealed class SecondOrderExpansion : IDisposable
{
    private readonly IDisposable? _resources;
    private bool _disposed;

    /// <summary>A model from its parts; it owns <paramref name="gradient"/> and <paramref name="resources"/>.</summary>
    /// <param name="loss">L(θ).</param>
    /// <param name="gradient">∇L(θ), a detached float64 [P] tensor (owned from now on).</param>
    /// <param name="hessian">The curvature operator, [P, P].</param>
    /// <param name="resources">Released with the model (e.g. the retained graph or the Jacobian H refers to).</param>
    public SecondOrderExpansion(double loss, Tensor gradient, ILinearOperator hessian, IDisposable? resources = null)
    {
        ThetaChecks.Validate(gradient, nameof(gradient));
        ArgumentNullException.ThrowIfNull(hessian);
        if (hessian.Rows != gradient.shape[0] || hessian.Columns != gradient.shape[0])
        {
            throw new ArgumentException(
                $"the curvature operator must be [{gradient.shape[0]}, {gradient.shape[0]}] like the gradient; got [{hessian.Rows}, {hessian.Columns}].",
                nameof(hessian));
        }
        Loss = loss;
        Gradient = gradient;
        Hessian = hessian;
        _resources = resources;
    }

    /// <summary>L(θ) (NaN or ±∞ passed through).</summary>
    public double Loss { get; }

    /// <summary>∇L(θ), [P] (owned by this object).</summary>
    public Tensor Gradient { get; }

    /// <summary>H, the curvature at θ as an operator [P, P]; valid until this object is disposed.</summary>
    public ILinearOperator Hessian { get; }

    /// <summary>
    /// The exact Hessian of <paramref name="loss"/> at θ by double backward. <paramref name="loss"/> maps a
    /// [P] tensor that requires grad to a 0-d differentiable loss; it is called once.
    /// </summary>
    public static SecondOrderExpansion Autograd(Tensor theta, Func<Tensor, Tensor> loss)
    {
        ThetaChecks.Validate(theta, nameof(theta));
        ArgumentNullException.ThrowIfNull(loss);
        using var scope = torch.NewDisposeScope();
        using var mode = torch.enable_grad();
        var point = theta.detach().clone().requires_grad_(true);
        var value = loss(point);
        if (value.numel() != 1)
        {
            throw new ArgumentException($"the loss must be a scalar; got shape {ThetaChecks.Shape(value)}.", nameof(loss));
        }
        // A loss that does not depend on θ has no graph; autograd.grad would abort the process on it.
        var gradient = value.requires_grad
            ? torch.autograd.grad([value], [point], retain_graph: true, create_graph: true, allow_unused: true)[0]
            : null;
        if (gradient is null || gradient.IsInvalid)
        {
            gradient = torch.zeros_like(point);   // H = 0: the product sees a gradient without a graph
        }
        var lossValue = value.item<double>();
        var detached = gradient.detach().clone().DetachFromDisposeScope();
        var owned = point.DetachFromDisposeScope();
        var operatorOfGraph = new AutogradHessian([owned], gradient.DetachFromDisposeScope(), owned);
        return new SecondOrderExpansion(lossValue, detached, operatorOfGraph, operatorOfGraph);
    }

    /// <summary>
    /// The exact Hessian, by double backward, of a loss of existing leaf tensors (e.g. a TorchSharp module's parameters,
    /// as they are now) with respect to all of them flattened and concatenated in order. <paramref name="loss"/> computes
    /// the 0-d loss from <paramref name="parameters"/>; it is called once. The parameters are not owned.
    /// </summary>
    public static SecondOrderExpansion Autograd(IReadOnlyList<Tensor> parameters, Func<Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(loss);
        if (parameters.Count == 0) throw new ArgumentException("give at least one parameter tensor.", nameof(parameters));
        using var scope = torch.NewDisposeScope();
        using var mode = torch.enable_grad();
        var value = loss();
        if (value.numel() != 1)
        {
            throw new ArgumentException($"the loss must be a scalar; got shape {ThetaChecks.Shape(value)}.", nameof(loss));
        }
        var pieces = value.requires_grad
            ? torch.autograd.grad([value], [.. parameters], retain_graph: true, create_graph: true, allow_unused: true)
            : [.. parameters.Select(_ => (Tensor?)null)];
        var gradient = torch.cat(pieces.Select((g, i) => g is null || g.IsInvalid ? torch.zeros_like(parameters[i]).flatten() : g.flatten()).ToArray());
        var lossValue = value.item<double>();
        var detached = gradient.detach().clone().DetachFromDisposeScope();
        var operatorOfGraph = new AutogradHessian(parameters, gradient.DetachFromDisposeScope(), owned: null);
        return new SecondOrderExpansion(lossValue, detached, operatorOfGraph, operatorOfGraph);
    }

    /// <summary>
    /// The Gauss–Newton model of L = ‖r‖² at θ: L, g = 2Jᵀr and G = 2JᵀJ applied as 2Jᵀ(J v) from the dense
    /// Jacobian (one <see cref="IResidualObjective.ResidualsAndJacobian"/>).
    /// </summary>
    public static SecondOrderExpansion GaussNewton(IResidualObjective objective, Tensor theta)
    {
        ThetaChecks.Validate(objective, theta);
        using var scope = torch.NewDisposeScope();
        var (residuals, jacobian) = LeastSquares.Evaluate(objective, theta);
        var loss = LeastSquares.SquaredNorm(residuals);
        var gradient = jacobian.t().mv(residuals).mul_(2).detach().DetachFromDisposeScope();
        var owned = jacobian.detach().DetachFromDisposeScope();
        return new SecondOrderExpansion(loss, gradient, LinearOperator.Dense(owned).Gramian().Scale(2), owned);
    }

    /// <summary>The objective as an <see cref="ITwiceDifferentiableObjective"/>, or a one-line ArgumentException naming the optimizer.</summary>
    internal static ITwiceDifferentiableObjective Require(IObjective objective, string optimizerName)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return objective as ITwiceDifferentiableObjective ?? throw new ArgumentException(
            $"{optimizerName} needs Hessian-vector products; {objective.GetType().Name} does not implement ITwiceDifferentiableObjective " +
            "(give it Expand(θ), e.g. by SecondOrderExpansion.Autograd over a differentiable loss, or use adam, sgd or lbfgs).",
            nameof(objective));
    }

    /// <summary>Calls <see cref="ITwiceDifferentiableObjective.Expand"/> and checks what it returns against θ.</summary>
    internal static SecondOrderExpansion Expand(ITwiceDifferentiableObjective objective, Tensor theta)
    {
        var expansion = objective.Expand(theta) ?? throw new ArgumentException("the objective returned no expansion.", nameof(objective));
        try
        {
            ThetaChecks.ValidateLike(theta, expansion.Gradient, "the expansion's gradient");
        }
        catch
        {
            expansion.Dispose();
            throw;
        }
        return expansion;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Gradient.Dispose();
        _resources?.Dispose();
    }

    /// <summary>H v = ∂(gᵀv)/∂θ through the graph of the flat g = ∇L kept with <c>create_graph</c>, θ the leaves flattened
    /// and concatenated; owns the gradient and <paramref name="owned"/>.</summary>
    private sealed class AutogradHessian(IReadOnlyList<Tensor> leaves, Tensor gradient, IDisposable? owned) : ILinearOperator, IDisposable
    {
        private bool _disposed;

        public long Rows => gradient.shape[0];

        public long Columns => gradient.shape[0];

        public Tensor Apply(Tensor v)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            LinearOperator.CheckOperand(v, Columns, gradient, nameof(v));
            using var scope = torch.NewDisposeScope();
            using var mode = torch.enable_grad();
            var product = v.dim() == 1
                ? Product(v)
                : torch.stack(Enumerable.Range(0, (int)v.shape[1]).Select(j => Product(v.select(1, j).contiguous())).ToArray(), 1);
            return product.MoveToOuterDisposeScope();
        }

        public Tensor ApplyAdjoint(Tensor u) => Apply(u);

        public Tensor ToDense()
        {
            using var scope = torch.NewDisposeScope();
            var dense = Apply(torch.eye(Rows, dtype: ScalarType.Float64, device: gradient.device));
            return dense.add(dense.t()).mul_(0.5).MoveToOuterDisposeScope();
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            gradient.Dispose();
            owned?.Dispose();
        }

        private Tensor Product(Tensor v)
        {
            if (!gradient.requires_grad)
            {
                return torch.zeros_like(v);   // g does not depend on θ (e.g. a linear loss): H = 0
            }
            var pieces = torch.autograd.grad([gradient], [.. leaves], [v], retain_graph: true, allow_unused: true);
            if (leaves.Count == 1) return pieces[0] is null || pieces[0].IsInvalid ? torch.zeros_like(v) : pieces[0].detach().reshape(-1);
            return torch.cat(pieces.Select((p, i) => p is null || p.IsInvalid ? torch.zeros_like(leaves[i]).flatten() : p.detach().flatten()).ToArray());
        }
    }
}
