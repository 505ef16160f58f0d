using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// SOAP, "ShampoO with Adam in the Preconditioner's eigenbasis": Adam run in the rotated coordinates
/// Q_Lᵀ G Q_R given by the eigenvectors of Shampoo's Kronecker factors L and R of each weight matrix.
/// Vectors (biases), and objectives that declare no <see cref="IParameterShapes"/>, get plain Adam.
/// </summary>
/// <remarks>
/// N. Vyas, D. Morwani, R. Zhao, I. Shapira, D. Brandfonbrener, L. Janson, S. Kakade, "SOAP: Improving
/// and Stabilizing Shampoo using Adam", arXiv 2409.11321 (2024), Algorithm 3, following the reference
/// implementation (github.com/nikhilvyas/SOAP, soap.py) in these details:
/// <list type="number">
/// <item>The first step only builds the preconditioner from the first gradient (L = (1 − β) G Gᵀ,
/// R = (1 − β) GᵀG, eigenbases by a full eigendecomposition, eigenvalues descending) and leaves θ
/// unchanged, "so that we never use the current gradient in the projection". Adam's step counter t
/// starts at the second call: t = <see cref="FirstOrderOptimizer.StepCount"/> − 1.</item>
/// <item>Each later step: G' = Q_Lᵀ G Q_R; m ← β₁ m + (1 − β₁) G', v ← β₂ v + (1 − β₂) G'² (both kept in
/// the eigenbasis); θ ← θ − α √(1 − β₂ᵗ)/(1 − β₁ᵗ) · Q_L (m / (√v + ε)) Q_Rᵀ; then L, R are updated with
/// the current G (moving average β = shampoo_beta, default β₂).</item>
/// <item>Every f Adam steps the bases are refreshed by one power iteration and a QR factorisation:
/// Q ← qr(L Q_sorted), where Q_sorted orders the columns by the estimated eigenvalues diag(QᵀLQ),
/// descending; v is permuted the same way; m is rotated into the new basis exactly
/// (m ← Q_newᵀ Q_old m …).</item>
/// <item>A side larger than max_precond_dim keeps the identity basis.</item>
/// </list>
/// For PINNs, Wang et al. 2025 ("Gradient alignment in physics-informed neural networks: a second-order
/// optimization perspective", arXiv 2502.00604) use β₁ 0.99, β₂ 0.999, f = 2 (<see cref="SoapOptions.Pinn"/>).
/// One step costs one gradient evaluation. The checkpoint state is the step count, the shapes, both
/// moments and every factor with its basis.
/// </remarks>
public sealed class Soap : FirstOrderOptimizer
{
    private LayerwiseState? _state;

    /// <summary>Creates SOAP with the given options (default: the reference's).</summary>
    public Soap(SoapOptions? options = null)
        : base("soap")
    {
        Options = options ?? new SoapOptions();
        Options.Validate();
    }

    /// <summary>The hyper-parameters.</summary>
    public SoapOptions Options { get; }

    /// <summary>The eigenvectors of the symmetric matrix <paramref name="factor"/> as columns, eigenvalues descending.</summary>
    public static Tensor Eigenbasis(Tensor factor)
    {
        using var scope = torch.NewDisposeScope();
        var (_, vectors) = torch.linalg.eigh(factor);
        return vectors.flip(1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One power iteration with QR from the basis <paramref name="basis"/>: the columns are sorted by the
    /// estimated eigenvalues diag(QᵀFQ), descending (<c>Order</c>, the permutation applied), and the new
    /// basis is the Q factor of F·Q_sorted.
    /// </summary>
    public static (Tensor Basis, Tensor Order) RefreshEigenbasis(Tensor factor, Tensor basis)
    {
        using var scope = torch.NewDisposeScope();
        var estimates = basis.t().matmul(factor.matmul(basis)).diagonal();
        var order = estimates.argsort(descending: true);
        var (q, _) = torch.linalg.qr(factor.matmul(basis.index_select(1, order)));
        return (q.MoveToOuterDisposeScope(), order.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    protected override void EnsureState(IObjective objective, Tensor theta)
    {
        if (_state is null) _state = LayerwiseState.Create(objective, theta, _ => true, Options.MaxPreconditionDimension, momentum: false);
        else _state.Check(objective, theta);
    }

    /// <inheritdoc />
    protected override void Update(Tensor theta, Tensor gradient, long step)
    {
        var o = Options;
        var state = _state!;
        if (step == 1)
        {
            foreach (var factors in state.Factors.OfType<KroneckerStatistics>())
            {
                factors.Accumulate(ParameterLayout.View(gradient, factors.Shape), o.EffectiveShampooBeta, sum: false);
                for (var side = 0; side < 2; side++)
                {
                    if (factors.Statistic(side) is { } statistic) factors.SetMatrix(side, Eigenbasis(statistic));
                }
            }
            return;
        }

        var adamStep = step - 1;
        var stepSize = o.LearningRate * Math.Sqrt(1 - Math.Pow(o.Beta2, adamStep)) / (1 - Math.Pow(o.Beta1, adamStep));
        for (var i = 0; i < state.Layout.Shapes.Count; i++)
        {
            var shape = state.Layout.Shapes[i];
            var factors = state.Factors[i];
            var g = ParameterLayout.View(gradient, shape);
            var m = ParameterLayout.View(state.Moments.First, shape);
            var v = ParameterLayout.View(state.Moments.Second, shape);
            var parameters = ParameterLayout.View(theta, shape);

            MomentEstimates.Accumulate(m, v, factors?.Apply(g, transposeLeft: true, transposeRight: false) ?? g, o.Beta1, o.Beta2);
            var direction = m.div(v.sqrt().add_(o.Epsilon));
            parameters.add_(factors?.Apply(direction, transposeLeft: false, transposeRight: true) ?? direction, -stepSize);
            if (o.WeightDecay > 0) parameters.mul_(1 - o.LearningRate * o.WeightDecay);

            if (factors is null) continue;
            factors.Accumulate(g, o.EffectiveShampooBeta, sum: false);
            if (adamStep % o.PreconditionFrequency == 0) Refresh(factors, m, v);
        }
    }

    /// <summary>New bases for both sides; v permuted like the basis columns, m rotated into the new basis.</summary>
    private static void Refresh(KroneckerStatistics factors, Tensor m, Tensor v)
    {
        var original = factors.Apply(m, transposeLeft: false, transposeRight: true);
        for (var side = 0; side < 2; side++)
        {
            if (factors.Statistic(side) is not { } statistic) continue;
            var (basis, order) = RefreshEigenbasis(statistic, factors.Matrix(side)!);
            v.copy_(v.index_select(side, order));
            factors.SetMatrix(side, basis);
        }
        m.copy_(factors.Apply(original, transposeLeft: true, transposeRight: false));
    }

    /// <inheritdoc />
    protected override void SaveTensors(OptimizerState state) => _state?.Save(state);

    /// <inheritdoc />
    protected override void LoadTensors(OptimizerState state) => _state = LayerwiseState.Load(state, Options.MaxPreconditionDimension);

    /// <inheritdoc />
    protected override void ReleaseState()
    {
        _state?.Dispose();
        _state = null;
    }
}
