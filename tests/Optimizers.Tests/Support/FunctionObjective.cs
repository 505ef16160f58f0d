using TorchSharp;
using static TorchSharp.torch;

namespace Pinn.Optimizers.Tests.Support;

/// <summary>An objective from two delegates, for edge cases (NaN regions, flat or inconsistent losses).</summary>
internal sealed class FunctionObjective(long parameterCount, Func<Tensor, double> value, Func<Tensor, Tensor> gradient) : IObjective
{
    public long ParameterCount => parameterCount;

    public int Evaluations { get; private set; }

    public long Revision { get; set; }

    public double Value(Tensor theta)
    {
        Evaluations++;
        return value(theta);
    }

    public (double Loss, Tensor Gradient) ValueAndGradient(Tensor theta)
    {
        Evaluations++;
        using var scope = torch.NewDisposeScope();
        var loss = value(theta);
        return (loss, gradient(theta).MoveToOuterDisposeScope());
    }
}
