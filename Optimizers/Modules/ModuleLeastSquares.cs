using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// A least-squares fit of an ordinary TorchSharp model: L(θ) = ‖r(θ)‖² of a residual vector that <c>residuals</c>
/// computes from the module as it is (e.g. <c>() =&gt; (model.call(x) - y).flatten() / Math.Sqrt(n)</c> for the mean
/// squared error), so that the Gauss–Newton family (ENGD and its Woodbury and Nyström forms, Gauss–Newton,
/// Levenberg–Marquardt; <see cref="IResidualObjective"/>) trains the module as well as every optimizer
/// <see cref="ModuleObjective"/> serves.
/// </summary>
/// <remarks>
/// The Jacobian J = ∂r/∂θ is built row by row, one backward pass per residual through one kept graph (TorchSharp has
/// no forward-mode or batched vector-Jacobian products): M backward passes per Jacobian, which suits the small
/// regressions these methods are for (M up to a few thousand rows).
/// </remarks>
public sealed class ModuleLeastSquares : ModuleObjective, IResidualObjective
{
    private readonly Func<Tensor> _residuals;

    /// <summary>The least-squares objective of <paramref name="module"/> with residual vector <paramref name="residuals"/> ([M] or any shape, flattened).</summary>
    public ModuleLeastSquares(nn.Module module, Func<Tensor> residuals)
        : base(module, () => residuals().flatten().square().sum())
    {
        _residuals = residuals;
        using var scope = NewDisposeScope();
        using var mode = no_grad();
        ResidualCount = residuals().numel();
    }

    /// <inheritdoc />
    public long ResidualCount { get; }

    /// <inheritdoc />
    public Tensor Residuals(Tensor theta)
    {
        Load(theta);
        using var mode = no_grad();
        return _residuals().flatten().detach();
    }

    /// <inheritdoc />
    public (Tensor Residuals, Tensor Jacobian) ResidualsAndJacobian(Tensor theta)
    {
        Load(theta);
        using var scope = NewDisposeScope();
        using var mode = enable_grad();
        var r = _residuals().flatten();
        var rows = new Tensor[r.shape[0]];
        for (long i = 0; i < rows.Length; i++)
        {
            var row = r.requires_grad ? autograd.grad([r[i]], [.. Parameters], retain_graph: true, allow_unused: true) : [.. Parameters.Select(_ => (Tensor)null!)];
            rows[i] = Flatten(row);
        }
        var jacobian = stack(rows);
        return (r.detach().MoveToOuterDisposeScope(), jacobian.MoveToOuterDisposeScope());
    }
}
