using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// AdaHessian: Adam with the squared gradient replaced by the squared Hutchinson estimate of the Hessian
/// diagonal, θ ← θ − η m̂ / (v̂^(k/2) + ε).
/// </summary>
/// <remarks>
/// Z. Yao, A. Gholami, S. Shen, M. Mustafa, K. Keutzer and M. W. Mahoney, "ADAHESSIAN: An adaptive second
/// order optimizer for machine learning", AAAI 2021, eqs. (8)–(11) and Algorithm 1: D = z ⊙ Hz with
/// Rademacher z (<see cref="Hutchinson"/>), spatially averaged D⁽ˢ⁾ (eq. (10)), mₜ = β₁mₜ₋₁ + (1 − β₁)gₜ,
/// vₜ = β₂vₜ₋₁ + (1 − β₂)D⁽ˢ⁾ ⊙ D⁽ˢ⁾, bias corrections 1 − βᵗ, update η (mₜ/(1 − β₁ᵗ)) / ((√vₜ/√(1 − β₂ᵗ))ᵏ + ε).
/// Defaults as in the authors' code: η = 0.15, β = (0.9, 0.999), ε = 1e-4, k = 1. The paper averages over
/// convolution kernels; for the flat parameter vector of an MLP the natural block is a single entry, so the
/// default block size is 1 (no averaging); a block size b averages D over consecutive
/// runs of b entries (the last run may be shorter). One step costs one
/// <see cref="ITwiceDifferentiableObjective.Expand"/> and <see cref="AdaHessianOptions.Samples"/>
/// Hessian-vector products. A non-finite loss, gradient or diagonal estimate leaves θ and the moments
/// unchanged and reports <see cref="StopReason.NonFinite"/>.
/// </remarks>
public sealed class AdaHessian : IOptimizer, ICheckpointable
{
    private MomentEstimates? _moments;
    private bool _disposed;

    /// <summary>Creates AdaHessian with the given (or default) options.</summary>
    public AdaHessian(AdaHessianOptions? options = null)
    {
        Options = options ?? new AdaHessianOptions();
        Options.Validate();
    }

    /// <inheritdoc />
    public string Name => "adahessian";

    /// <summary>The hyper-parameters.</summary>
    public AdaHessianOptions Options { get; }

    /// <summary>Updates applied so far (t in the paper).</summary>
    public long StepCount { get; private set; }

    /// <inheritdoc />
    public StepResult Step(IObjective objective, Tensor theta)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var twice = SecondOrderExpansion.Require(objective, Name);
        ThetaChecks.Validate(objective, theta);
        _moments?.Check(theta);
        using var scope = torch.NewDisposeScope();
        using var expansion = SecondOrderExpansion.Expand(twice, theta);
        var (loss, gradient) = (expansion.Loss, expansion.Gradient);
        var gradientNorm = VectorMath.Norm(gradient);
        if (StepGuard.NonFinite(loss, gradientNorm, StepCount + 1) is { } nonFinite)
        {
            return nonFinite;
        }
        var t = StepCount + 1;
        var diagonal = Average(Hutchinson.Diagonal(expansion.Hessian, Options.Seed, t, Options.Samples, gaussian: false, theta.device), Options.BlockSize);
        if (!SymmetricSolve.AllFinite(diagonal))
        {
            return new StepResult(loss, 1, gradientNorm, StopReason.NonFinite, $"non-finite Hessian diagonal estimate at step {t}; θ left unchanged");
        }

        StepCount = t;
        _moments ??= MomentEstimates.Zeros(theta);
        var o = Options;
        using (torch.no_grad())
        {
            _moments.Accumulate(gradient, o.Beta1, o.Beta2, squared: diagonal);
            MomentEstimates.ApplyAdamStep(theta, _moments.First, _moments.Second, t, o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.HessianPower);
        }
        return new StepResult(loss, 1, gradientNorm);
    }

    /// <summary>Forgets the moments and the step count.</summary>
    public void Reset()
    {
        _moments?.Dispose();
        (_moments, StepCount) = (null, 0);
    }

    /// <inheritdoc />
    public OptimizerState SaveState()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var state = new OptimizerState(Name).Set("steps", StepCount);
        _moments?.Save(state);
        return state;
    }

    /// <inheritdoc />
    public void LoadState(OptimizerState state)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        OptimizerState.Expect(state, Name);
        var steps = state.Integer("steps");
        var moments = MomentEstimates.Load(state.Upgrading(("first-moment", "first_moment"), ("second-moment", "second_moment")));
        Reset();
        StepCount = steps;
        _moments = moments;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        Reset();
        _disposed = true;
    }

    /// <summary>The mean of <paramref name="values"/> over consecutive blocks of <paramref name="block"/> entries, repeated back to [P].</summary>
    internal static Tensor Average(Tensor values, int block)
    {
        if (block == 1) return values;
        using var scope = torch.NewDisposeScope();
        var size = values.shape[0];
        var blocks = (size + block - 1) / block;
        var padded = torch.nn.functional.pad(values, [0, blocks * block - size]).view(blocks, block);
        var counts = torch.tensor(Enumerable.Range(0, (int)blocks).Select(i => (double)Math.Min(block, size - (long)i * block)).ToArray(), dtype: ScalarType.Float64).to(values.device);
        var means = padded.sum(1).div_(counts);
        return means.repeat_interleave(block).narrow(0, 0, size).MoveToOuterDisposeScope();
    }
}
