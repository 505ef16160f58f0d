using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Shampoo with Adam grafting: each weight matrix moves in the direction L^(−1/4) M R^(−1/4) given by its
/// Kronecker factors, with the length of Adam's step for that matrix. Vectors (biases), and objectives
/// that declare no <see cref="IParameterShapes"/>, get plain Adam.
/// </summary>
/// <remarks>
/// V. Gupta, T. Koren, Y. Singer, "Shampoo: Preconditioned Stochastic Tensor Optimization", ICML 2018,
/// Algorithm 1: Lₜ = Lₜ₋₁ + GₜGₜᵀ, Rₜ = Rₜ₋₁ + GₜᵀGₜ, Wₜ₊₁ = Wₜ − η Lₜ^(−1/4) Gₜ Rₜ^(−1/4); here the factors
/// are moving averages with decay shampoo-beta (or sums with <see cref="ShampooOptions.Sum"/>).
/// R. Anil, V. Gupta, T. Koren, K. Regan, Y. Singer, "Scalable Second Order Optimization for Deep
/// Learning", arXiv 2002.09018 (2020), §3-4: the inverse roots are recomputed only every f steps (here by
/// a symmetric eigendecomposition in float64, with the ridge ε·λ_max of their implementation), and the
/// step is grafted: per layer, the Shampoo direction D is rescaled to the norm of the Adam step A,
/// W ← W − α (‖A‖_F / ‖D‖_F) D (layer-wise grafting, Agarwal et al. 2020, "Disentangling adaptive
/// gradient methods from learning rates", arXiv 2002.11803). Shampoo preconditions Adam's first moment
/// M (momentum on the gradient), so the only difference from Adam is the direction within each layer.
/// One step costs one gradient evaluation. The checkpoint state is the step count, the shapes, Adam's
/// moments and every factor with its inverse root.
/// </remarks>
public sealed class Shampoo : FirstOrderOptimizer
{
    private LayerwiseState? _state;

    /// <summary>Creates Shampoo with the given (or default) options.</summary>
    public Shampoo(ShampooOptions? options = null)
        : base("shampoo")
    {
        Options = options ?? new ShampooOptions();
        Options.Validate();
    }

    /// <summary>The hyper-parameters.</summary>
    public ShampooOptions Options { get; }

    /// <summary>
    /// (F + ε·λ_max(F)·I)^(−1/<paramref name="root"/>) of the symmetric positive semi-definite matrix F by
    /// an eigendecomposition (negative round-off eigenvalues are clamped to zero).
    /// </summary>
    public static Tensor InverseRoot(Tensor factor, int root, double relativeEpsilon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(root, 1);
        using var scope = torch.NewDisposeScope();
        var (values, vectors) = torch.linalg.eigh(factor);
        values = values.clamp_min(0);
        var ridge = relativeEpsilon * Math.Max(values.max().item<double>(), 1e-30);
        var scaled = vectors.mul(values.add(ridge).pow(-1.0 / root));
        return scaled.matmul(vectors.t()).MoveToOuterDisposeScope();
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
        state.Moments.Accumulate(gradient, o.Beta1, o.Beta2);
        var adam = MomentEstimates.AdamDirection(state.Moments.First, state.Moments.Second, step, o.Beta1, o.Beta2, o.Epsilon);
        var refresh = (step - 1) % o.PreconditionFrequency == 0;
        for (var i = 0; i < state.Layout.Shapes.Count; i++)
        {
            var shape = state.Layout.Shapes[i];
            var parameters = ParameterLayout.View(theta, shape);
            var adamStep = ParameterLayout.View(adam, shape);
            if (state.Factors[i] is not { } factors)
            {
                parameters.add_(adamStep, -o.LearningRate);
                continue;
            }
            factors.Accumulate(ParameterLayout.View(gradient, shape), o.ShampooBeta, o.Sum);
            for (var side = 0; side < 2 && refresh; side++)
            {
                if (factors.Statistic(side) is { } statistic) factors.SetMatrix(side, InverseRoot(statistic, 4, o.RootEpsilon));
            }
            var direction = factors.Apply(ParameterLayout.View(state.Moments.First, shape), transposeLeft: false, transposeRight: false);
            var directionNorm = VectorMath.Norm(direction);
            if (directionNorm > 0 && double.IsFinite(directionNorm))
            {
                parameters.add_(direction, -o.LearningRate * VectorMath.Norm(adamStep) / directionNorm);
            }
        }
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
