using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// Adam's exponential moving averages of the gradient (first moment m) and of its square (second
/// moment v), as flat detached tensors, with the update and step rules shared by the optimizers that
/// run Adam on all or part of θ (<see cref="Adam"/>, <see cref="Soap"/>, <see cref="Shampoo"/>,
/// <see cref="Muon"/>) or Adam's rule on another second-moment source (<see cref="AdaHessian"/>: the Hessian diagonal).
/// </summary>
/// <remarks>
/// Kingma &amp; Ba 2015, Algorithm 1: m ← β₁ m + (1 − β₁) g, v ← β₂ v + (1 − β₂) g², and
/// θ ← θ − α m̂ / (√v̂ + ε) with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ).
/// </remarks>
internal sealed class MomentEstimates : IDisposable
{
    private MomentEstimates(Tensor first, Tensor second)
    {
        First = first;
        Second = second;
    }

    /// <summary>m.</summary>
    public Tensor First { get; }

    /// <summary>v.</summary>
    public Tensor Second { get; }

    /// <summary>Zero moments shaped like <paramref name="like"/>.</summary>
    public static MomentEstimates Zeros(Tensor like) =>
        new(torch.zeros_like(like).DetachFromDisposeScope(), torch.zeros_like(like).DetachFromDisposeScope());

    /// <summary>m ← β₁ m + (1 − β₁) g and v ← β₂ v + (1 − β₂) s² on the given tensors (views allowed); s = g (Adam) unless
    /// <paramref name="squared"/> gives another source (AdaHessian: the Hessian diagonal).</summary>
    public static void Accumulate(Tensor first, Tensor second, Tensor gradient, double beta1, double beta2, Tensor? squared = null)
    {
        var s = squared ?? gradient;
        first.mul_(beta1).add_(gradient, 1 - beta1);
        second.mul_(beta2).addcmul_(s, s, 1 - beta2);
    }

    /// <summary>target ← target − α m̂ / (√v̂ᵏ + ε) for step t (k = <paramref name="power"/>, 1 for Adam; views allowed: the rule is elementwise).</summary>
    public static void ApplyAdamStep(Tensor target, Tensor first, Tensor second, long step, double learningRate, double beta1, double beta2, double epsilon, double power = 1)
    {
        var firstCorrection = 1 - Math.Pow(beta1, step);
        var secondCorrection = 1 - Math.Pow(beta2, step);
        var denominator = second.sqrt().div_(Math.Sqrt(secondCorrection));
        if (power != 1) denominator.pow_(power);
        target.addcdiv_(first, denominator.add_(epsilon), -learningRate / firstCorrection);
    }

    /// <summary>Adam's direction m̂ / (√v̂ + ε) for step t, a fresh tensor.</summary>
    public static Tensor AdamDirection(Tensor first, Tensor second, long step, double beta1, double beta2, double epsilon)
    {
        var firstCorrection = 1 - Math.Pow(beta1, step);
        var secondCorrection = 1 - Math.Pow(beta2, step);
        var denominator = second.sqrt().div_(Math.Sqrt(secondCorrection)).add_(epsilon);
        return first.div(denominator).div_(firstCorrection);
    }

    /// <summary>Both moments, updated with <paramref name="gradient"/> (and <paramref name="squared"/> for v when given).</summary>
    public void Accumulate(Tensor gradient, double beta1, double beta2, Tensor? squared = null) => Accumulate(First, Second, gradient, beta1, beta2, squared);

    /// <summary>Checks that the moments fit θ.</summary>
    public void Check(Tensor theta) => ThetaChecks.ValidateState(First, theta);

    /// <summary>Saves m and v under <c>{prefix}first_moment</c> and <c>{prefix}second_moment</c>.</summary>
    public void Save(OptimizerState state, string prefix = "")
    {
        state.Set(prefix + "first_moment", First);
        state.Set(prefix + "second_moment", Second);
    }

    /// <summary>The moments saved by <see cref="Save"/>, or null when the state holds none.</summary>
    public static MomentEstimates? Load(OptimizerState state, string prefix = "")
    {
        if (!state.Has(prefix + "first_moment")) return null;
        return new(state.Tensor(prefix + "first_moment").DetachFromDisposeScope(), state.Tensor(prefix + "second_moment").DetachFromDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }
}
